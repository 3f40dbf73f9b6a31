import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ReasonDto, ReportContentDto, VersionDto } from './dto/reporting.dto.js';
import { ReportsService } from './reports.service.js';
import { ReportDetailDto, ReportDto } from './dto/report-view.dto.js';

@ApiTags('reporting')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '进展报告，含历史版本与（牵头单位可见的）配合单位协办情况' })
  @ApiOkResponse({ type: ReportDetailDto })
  get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.reports.get(user, id);
  }

  @Put(':id')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '填写或修改（保存为草稿）' })
  @ApiOkResponse({ type: ReportDto })
  save(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: ReportContentDto) {
    return this.reports.save(user, id, dto);
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsSignOff)
  @ApiOperation({ summary: '单位负责人审核报送' })
  @ApiOkResponse({ type: ReportDto })
  signOff(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: VersionDto) {
    return this.reports.move(user, id, 'signOff', dto.version);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: '采纳（进展报告由办公室采纳；协办情况由牵头单位负责人或办公室接收），采纳后锁定' })
  @ApiOkResponse({ type: ReportDto })
  accept(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: VersionDto) {
    return this.reports.move(user, id, 'accept', dto.version);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: '退回（须说明原因；协办情况可由牵头单位负责人退回）' })
  @ApiOkResponse({ type: ReportDto })
  returnReport(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.reports.move(user, id, 'return', dto.version, dto.reason);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: '重新打开已采纳的报告或协办情况（须说明原因）' })
  @ApiOkResponse({ type: ReportDto })
  reopen(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.reports.move(user, id, 'reopen', dto.version, dto.reason);
  }
}
