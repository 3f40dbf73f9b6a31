import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { ReasonDto, ReportContentDto, VersionDto } from './dto/reporting.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reporting')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '进展报告，含历史版本与（牵头单位可见的）配合单位协办情况' })
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reports.get(user, id);
  }

  @Put(':id')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: '填写或修改（保存为草稿）' })
  save(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReportContentDto) {
    return this.reports.save(user, id, dto);
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsSignOff)
  @ApiOperation({ summary: '单位负责人审核报送' })
  signOff(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VersionDto) {
    return this.reports.signOff(user, id, dto.version);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: '办公室采纳（采纳后锁定）' })
  accept(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VersionDto) {
    return this.reports.accept(user, id, dto.version);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: '办公室退回（须说明原因）' })
  returnReport(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto) {
    return this.reports.return(user, id, dto.version, dto.reason);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: '办公室重新打开已采纳的报告（须说明原因）' })
  reopen(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto) {
    return this.reports.reopen(user, id, dto.version, dto.reason);
  }
}
