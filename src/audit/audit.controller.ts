import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { AuditQuery } from './dto/audit-query.dto.js';
import { AuditAccess } from './audit-access.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly access: AuditAccess,
  ) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: '某一对象的变更历史（须有权查看该对象）' })
  async history(@CurrentUser() user: Principal, @Query() query: AuditQuery) {
    await this.access.assertVisible(user, query.entityType, query.entityId);
    return this.audit.history(query.entityType, query.entityId);
  }

  @Get('verify')
  @RequirePermission(Permission.AuditVerify)
  @ApiOperation({ summary: '校验审计链，报告第一处断点' })
  verify() {
    return this.audit.verify();
  }
}
