import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { EvaluationQuery } from '../indicators/dto/indicator.dto.js';
import { DocumentsService, type GeneratedFile } from './documents.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FILE = { description: '文件', schema: { type: 'string', format: 'binary' } };
const send = (res: Response, file: GeneratedFile) => res.type(file.mime).setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.body);

@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('plans/:planId/documents/ledger.xlsx')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '下载工作台账（Excel；单位用户只含本单位事项）' })
  @ApiProduces(XLSX)
  @ApiOkResponse(FILE)
  async ledger(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Res() res: Response) {
    send(res, await this.documents.ledger(user, planId));
  }

  @Get('plans/:planId/documents/indicators.xlsx')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '下载目标指标完成情况表（Excel）' })
  @ApiProduces(XLSX)
  @ApiOkResponse(FILE)
  async indicators(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Query() query: EvaluationQuery, @Res() res: Response) {
    send(res, await this.documents.indicatorTable(user, planId, query.year));
  }

  @Get('annual-reports/:id/document.docx')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '下载单位年度报告（Word）' })
  @ApiProduces(DOCX)
  @ApiOkResponse(FILE)
  async annualReport(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Res() res: Response) {
    send(res, await this.documents.annualReport(user, id));
  }

  @Get('year-end-cycles/:id/summary.docx')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '下载年度总结（Word；仅领导小组及其办公室）' })
  @ApiProduces(DOCX)
  @ApiOkResponse(FILE)
  async summary(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Res() res: Response) {
    send(res, await this.documents.summary(user, id));
  }
}
