import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { BatchDto, ListReportsQuery, OpenPeriodDto, ScheduleDto } from './dto/reporting.dto.js';
import { PeriodsService } from './periods.service.js';
import { ReportBatchService } from './report-batch.service.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reporting')
@Controller()
export class PeriodsController {
  constructor(
    private readonly periods: PeriodsService,
    private readonly reports: ReportsService,
    private readonly batch: ReportBatchService,
  ) {}

  @Put('plans/:planId/reporting-schedule')
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '设置调度频次与报送截止日' })
  setSchedule(@Param('planId', ParseUUIDPipe) planId: string, @Body() dto: ScheduleDto) {
    return this.periods.setSchedule(planId, dto);
  }

  @Post('plans/:planId/periods')
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '开启一期调度：为每个牵头任务生成待报进展，为每个配合任务生成待报协办情况' })
  open(@Param('planId', ParseUUIDPipe) planId: string, @Body() dto: OpenPeriodDto) {
    return this.periods.open(planId, dto);
  }

  @Get('plans/:planId/periods')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '调度期列表' })
  list(@Param('planId', ParseUUIDPipe) planId: string) {
    return this.periods.list(planId);
  }

  @Get('periods/:periodId/reports')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '本期进展报告（按可见范围）' })
  reportsOfPeriod(@CurrentUser() user: Principal, @Param('periodId', ParseUUIDPipe) periodId: string, @Query() query: ListReportsQuery) {
    return this.reports.list(user, periodId, query);
  }

  @Get('periods/:periodId/my-reports')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '本单位本期全部事项（最多报一次），预填上期已采纳内容' })
  myReports(@CurrentUser() user: Principal, @Param('periodId', ParseUUIDPipe) periodId: string) {
    return this.batch.screen(user, periodId);
  }

  @Post('periods/:periodId/my-reports')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '一次保存（或由单位负责人审核报送）本单位本期全部事项，全部成功或全部不变' })
  submitBatch(@CurrentUser() user: Principal, @Param('periodId', ParseUUIDPipe) periodId: string, @Body() dto: BatchDto) {
    return this.batch.submit(user, periodId, dto);
  }
}
