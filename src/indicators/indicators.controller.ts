import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { FileInterceptor } from '@nestjs/platform-express';
import { requireUpload } from '../common/uploads.js';
import { ActualsImportService } from './actuals-import.service.js';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ActualDto, ActualsImportReportDto, CascadeGapDto, IndicatorDto, TargetEvaluationDto, TargetLinkDto } from './dto/indicator-view.dto.js';
import { ActualsImportQuery, CreateIndicatorDto, UpdateIndicatorDto, EvaluationQuery, LinkTargetDto, RecordActualDto, VerifyActualDto } from './dto/indicator.dto.js';
import { IndicatorsService } from './indicators.service.js';

@ApiTags('indicators')
@Controller()
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly imports: ActualsImportService,
  ) {}

  @Post('plans/:planId/indicators')
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '新增指标（名称、同义名称、计量单位、方向）' })
  @ApiCreatedResponse({ type: IndicatorDto })
  create(@Param('planId', ParseIdPipe) planId: string, @Body() dto: CreateIndicatorDto) {
    return this.indicators.create(planId, dto);
  }

  @Patch('indicators/:id')
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '修改指标的同义名称、计量单位或方向' })
  @ApiOkResponse({ type: IndicatorDto })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateIndicatorDto) {
    return this.indicators.update(id, dto);
  }

  @Get('plans/:planId/indicators')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案的指标目录' })
  @ApiOkResponse({ type: [IndicatorDto] })
  list(@Param('planId', ParseIdPipe) planId: string) {
    return this.indicators.list(planId);
  }

  @Post('plans/:planId/indicators/suggest-links')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '按名称为未关联的目标建议指标（待办公室确认）' })
  @ApiOkResponse({ type: [TargetLinkDto] })
  suggest(@Param('planId', ParseIdPipe) planId: string) {
    return this.indicators.suggest(planId);
  }

  @Get('plans/:planId/target-links')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案的目标及其关联指标' })
  @ApiOkResponse({ type: [TargetLinkDto] })
  links(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string) {
    return this.indicators.links(user, planId);
  }

  @Put('targets/:targetId/indicator-link')
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '确认目标所关联的指标；下达类目标录入下达值，降幅类目标可录入基数' })
  @ApiOkResponse({ type: TargetLinkDto })
  link(@CurrentUser() user: Principal, @Param('targetId', ParseIdPipe) targetId: string, @Body() dto: LinkTargetDto) {
    return this.indicators.link(user, targetId, dto);
  }

  @Post('indicators/:id/actuals')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '填报指标实际值（单位填本单位；办公室可填任一单位，默认方案所辖地区）' })
  @ApiCreatedResponse({ type: ActualDto })
  record(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RecordActualDto) {
    return this.indicators.recordActual(user, id, dto);
  }

  @Get('indicators/:id/actuals')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '指标实际值（单位用户只看到本单位及下属单位）' })
  @ApiOkResponse({ type: [ActualDto] })
  actuals(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.indicators.actuals(user, id);
  }

  @Post('indicator-actuals/:id/verify')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '核实实际值：verified 已核实 / disputed 有争议（须说明理由）' })
  @ApiOkResponse({ type: ActualDto })
  verify(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: VerifyActualDto) {
    return this.indicators.verify(user, id, dto);
  }

  @Get('plans/:planId/indicator-evaluation')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '目标完成情况评价（按经核实的实际值，附算式）' })
  @ApiOkResponse({ type: [TargetEvaluationDto] })
  evaluate(@Param('planId', ParseIdPipe) planId: string, @Query() query: EvaluationQuery) {
    return this.indicators.evaluate(planId, query.year);
  }

  @Get('plans/:planId/indicator-cascade')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '下级方案目标低于本方案同一指标目标之处' })
  @ApiOkResponse({ type: [CascadeGapDto] })
  cascade(@Param('planId', ParseIdPipe) planId: string) {
    return this.indicators.cascade(planId);
  }

  @Post('plans/:planId/indicator-actuals/import')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '指标实际值表（.xlsx、.csv）：指标、年份、单位、实际值、数据来源、备注' } } } })
  @ApiOperation({ summary: '从表格导入指标实际值（dryRun=true 只校验；提交时任一行有误则全部不写入）' })
  @ApiOkResponse({ type: ActualsImportReportDto })
  importActuals(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Query() query: ActualsImportQuery, @UploadedFile() file?: Express.Multer.File) {
    return this.imports.run(user, planId, requireUpload(file, '请以 multipart 字段 file 上传指标实际值表'), query.dryRun);
  }

  @Post('indicator-actuals/:id/evidence')
  @RequirePermission(Permission.ReportsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '佐证材料（PDF、OFD、图片、Word、Excel、WPS）' } } } })
  @ApiOperation({ summary: '上传指标实际值的佐证材料（填报单位或办公室；新文件替换旧文件）' })
  @ApiCreatedResponse({ type: ActualDto })
  uploadEvidence(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @UploadedFile() file?: Express.Multer.File) {
    return this.indicators.uploadEvidence(user, id, requireUpload(file, '请以 multipart 字段 file 上传佐证材料'));
  }

  @Get('indicator-actuals/:id/evidence')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '下载指标实际值的佐证材料' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '文件', schema: { type: 'string', format: 'binary' } })
  async evidence(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Res() res: Response) {
    const file = await this.indicators.evidence(user, id);
    res.type(file.mime).setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.body);
  }
}
