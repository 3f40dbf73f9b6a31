import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { BatchDto, ClosePeriodDto, ListReportsQuery, OpenPeriodDto, ReasonDto, ScheduleDto } from './dto/reporting.dto.js';
import { PeriodsService } from './periods.service.js';
import { ReportBatchService } from './report-batch.service.js';
import { ReportsService } from './reports.service.js';
import { BatchScreenDto, MyPeriodDto, OpenedPeriodDto, PeriodDto, ReportDto, ScheduleViewDto } from './dto/report-view.dto.js';

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
  @ApiOkResponse({ type: ScheduleViewDto })
  setSchedule(@Param('planId', ParseIdPipe) planId: string, @Body() dto: ScheduleDto) {
    return this.periods.setSchedule(planId, dto);
  }

  @Post('plans/:planId/periods')
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '开启一期调度：为每个牵头任务生成待报进展，为每个配合任务生成待报协办情况' })
  @ApiCreatedResponse({ type: OpenedPeriodDto })
  open(@Param('planId', ParseIdPipe) planId: string, @Body() dto: OpenPeriodDto) {
    return this.periods.open(planId, dto);
  }

  @Get('plans/:planId/periods')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '调度期列表' })
  @ApiOkResponse({ type: [PeriodDto] })
  list(@Param('planId', ParseIdPipe) planId: string) {
    return this.periods.list(planId);
  }

  @Post('periods/:periodId/close')
  @HttpCode(200)
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '结束本期调度：此后单位不能再填报（可重新开启）' })
  @ApiOkResponse({ type: PeriodDto })
  close(@CurrentUser() user: Principal, @Param('periodId', ParseIdPipe) periodId: string, @Body() dto: ClosePeriodDto) {
    return this.periods.close(user, periodId, dto);
  }

  @Post('periods/:periodId/reopen')
  @HttpCode(200)
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '重新开启已结束的调度（须说明原因，如补报）' })
  @ApiOkResponse({ type: PeriodDto })
  reopen(@CurrentUser() user: Principal, @Param('periodId', ParseIdPipe) periodId: string, @Body() dto: ReasonDto) {
    return this.periods.reopen(user, periodId, dto);
  }

  @Get('periods/:periodId/reports')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '本期进展报告（按可见范围）' })
  @ApiOkResponse({ type: [ReportDto] })
  reportsOfPeriod(@CurrentUser() user: Principal, @Param('periodId', ParseIdPipe) periodId: string, @Query() query: ListReportsQuery) {
    return this.reports.list(user, periodId, query);
  }

  @Get('my-periods')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '本单位有填报任务的调度期（跨方案），含待报与已报条数' })
  @ApiOkResponse({ type: [MyPeriodDto] })
  myPeriods(@CurrentUser() user: Principal) {
    return this.batch.myPeriods(user);
  }

  @Get('periods/:periodId/my-reports')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '本单位本期全部事项（最多报一次），预填上期已采纳内容' })
  @ApiOkResponse({ type: BatchScreenDto })
  myReports(@CurrentUser() user: Principal, @Param('periodId', ParseIdPipe) periodId: string) {
    return this.batch.screen(user, periodId);
  }

  @Post('periods/:periodId/my-reports')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '一次保存（或由单位负责人审核报送）本单位本期全部事项，全部成功或全部不变' })
  @ApiCreatedResponse({ type: [ReportDto] })
  submitBatch(@CurrentUser() user: Principal, @Param('periodId', ParseIdPipe) periodId: string, @Body() dto: BatchDto) {
    return this.batch.submit(user, periodId, dto);
  }
}
