import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { AuditExportQuery, AuditQuery, AuditSearchQuery, VerifyQuery } from './dto/audit-query.dto.js';
import { AuditExportService } from './audit-export.service.js';
import { AuditAccess } from './audit-access.js';
import { AuditService } from './audit.service.js';
import { AuditCheckpointDto, AuditEventDto, AuditPageDto, AuditVerifyDto } from './dto/audit-event.dto.js';
import { Clock } from '../clock/clock.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly access: AuditAccess,
    private readonly clock: Clock,
    private readonly exports: AuditExportService,
  ) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: '某一对象的变更历史（须有权查看该对象）' })
  @ApiOkResponse({ type: [AuditEventDto] })
  async history(@CurrentUser() user: Principal, @Query() query: AuditQuery) {
    await this.access.assertVisible(user, query.entityType, query.entityId);
    return this.access.filter(user, await this.audit.history(query.entityType, query.entityId));
  }

  @Get('search')
  @RequirePermission(Permission.AuditVerify)
  @ApiOperation({ summary: '按对象类型、动作、操作人、日期（北京时间）检索审计记录' })
  @ApiOkResponse({ type: AuditPageDto })
  search(@Query() query: AuditSearchQuery) {
    return this.exports.search(query);
  }

  @Get('export')
  @RequirePermission(Permission.AuditVerify)
  @ApiOperation({ summary: '导出检索到的审计记录（CSV 或 Excel，北京时间）' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: '文件', schema: { type: 'string', format: 'binary' } })
  async export(@Query() query: AuditExportQuery, @Res() res: Response) {
    const file = await this.exports.export(query);
    res.type(file.mime).setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.body);
  }

  @Get('verify')
  @RequirePermission(Permission.AuditVerify)
  @ApiOperation({ summary: '校验审计链，报告第一处断点' })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(@Query() query: VerifyQuery) {
    return this.audit.verify(query.checkpointId && query.checkpointHash ? { lastId: query.checkpointId, hash: query.checkpointHash } : undefined);
  }

  @Get('checkpoint')
  @RequirePermission(Permission.AuditVerify)
  @ApiOperation({ summary: '审计链当前末端的签名检查点（在数据库之外保存，日后校验可发现截断）' })
  @ApiOkResponse({ type: AuditCheckpointDto })
  checkpoint() {
    return this.audit.checkpoint(this.clock.now());
  }
}
