import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { AnnualReportsService } from './annual-reports.service.js';
import { AnnualReportDetailDto, AnnualReportDto } from './dto/year-end-view.dto.js';
import { AnnualDecisionDto, AnnualVersionDto, SaveAnnualReportDto } from './dto/year-end.dto.js';

@ApiTags('year-end')
@Controller('annual-reports')
export class AnnualReportsController {
  constructor(private readonly reports: AnnualReportsService) {}

  @Get(':id')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '年度报告（含本单位本年度指标实际值与全部版本）' })
  @ApiOkResponse({ type: AnnualReportDetailDto })
  get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.reports.get(user, id);
  }

  @Put(':id')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '修改年度报告（主要成效、存在问题、下一年工作打算，及预填事项）' })
  @ApiOkResponse({ type: AnnualReportDto })
  save(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: SaveAnnualReportDto) {
    return this.reports.save(user, id, dto);
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsSignOff)
  @ApiOperation({ summary: '单位负责人审核报送' })
  @ApiOkResponse({ type: AnnualReportDto })
  signOff(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: AnnualVersionDto) {
    return this.reports.signOff(user, id, dto);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '采纳（采纳后锁定）' })
  @ApiOkResponse({ type: AnnualReportDto })
  accept(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: AnnualDecisionDto) {
    return this.reports.decide(user, id, 'accept', dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '退回（须说明理由）' })
  @ApiOkResponse({ type: AnnualReportDto })
  return(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: AnnualDecisionDto) {
    return this.reports.decide(user, id, 'return', dto);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '重新打开已采纳的报告（须说明理由）' })
  @ApiOkResponse({ type: AnnualReportDto })
  reopen(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: AnnualDecisionDto) {
    return this.reports.decide(user, id, 'reopen', dto);
  }
}
