import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { AnnualReportsService } from './annual-reports.service.js';
import { AnnualReportDetailDto, YearEndCycleDto } from './dto/year-end-view.dto.js';
import { AddObligationDto, DropObligationDto, OpenCycleDto } from './dto/year-end.dto.js';
import { YearEndService } from './year-end.service.js';
import { SummaryService } from './summary.service.js';
import { CommentSummaryDto, FinaliseSummaryDto, SummaryDto } from './dto/summary.dto.js';

@ApiTags('year-end')
@Controller()
export class YearEndController {
  constructor(
    private readonly cycles: YearEndService,
    private readonly reports: AnnualReportsService,
    private readonly summaries: SummaryService,
  ) {}

  @Post('plans/:planId/year-end-cycles')
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '开启年度报告（每个有分工的单位一份预填的年度报告；同一年度只能开启一次）' })
  @ApiCreatedResponse({ type: YearEndCycleDto })
  open(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: OpenCycleDto) {
    return this.cycles.open(user, planId, dto);
  }

  @Get('plans/:planId/year-end-cycles')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '方案的年度报告轮次' })
  @ApiOkResponse({ type: [YearEndCycleDto] })
  list(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string) {
    return this.cycles.list(user, planId);
  }

  @Get('year-end-cycles/:id')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '年度报告轮次与应报单位（单位用户只看到本单位）' })
  @ApiOkResponse({ type: YearEndCycleDto })
  get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.cycles.get(user, id);
  }

  @Get('year-end-cycles/:id/my-report')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '本单位的年度报告（不在应报单位之列：404）' })
  @ApiOkResponse({ type: AnnualReportDetailDto })
  async mine(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.reports.get(user, await this.cycles.mine(user, id));
  }

  @Post('year-end-cycles/:id/units')
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '增加应报单位（须说明理由）' })
  @ApiCreatedResponse({ type: YearEndCycleDto })
  addUnit(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: AddObligationDto) {
    return this.cycles.addUnit(user, id, dto);
  }

  @Post('year-end-cycles/:id/units/:unitId/drop')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '免报：从应报单位中去除（须说明理由；已写内容保留）' })
  @ApiOkResponse({ type: YearEndCycleDto })
  dropUnit(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string, @Body() dto: DropObligationDto) {
    return this.cycles.dropUnit(user, id, unitId, dto);
  }

  @Get('year-end-cycles/:id/summary')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '年度总结（定稿后为冻结的快照；仅领导小组及其办公室）' })
  @ApiOkResponse({ type: SummaryDto })
  summary(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.summaries.get(user, id);
  }

  @Put('year-end-cycles/:id/summary')
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '填写办公室意见（定稿前）' })
  @ApiOkResponse({ type: SummaryDto })
  comment(@Param('id', ParseIdPipe) id: string, @Body() dto: CommentSummaryDto) {
    return this.summaries.comment(id, dto.version, dto.commentary);
  }

  @Post('year-end-cycles/:id/summary/finalise')
  @HttpCode(200)
  @RequirePermission(Permission.YearEndManage)
  @ApiOperation({ summary: '年度总结定稿：连同所依据的数据冻结（快照及其哈希），本轮结束' })
  @ApiOkResponse({ type: SummaryDto })
  finalise(@Param('id', ParseIdPipe) id: string, @Body() dto: FinaliseSummaryDto) {
    return this.summaries.finalise(id, dto.version);
  }
}
