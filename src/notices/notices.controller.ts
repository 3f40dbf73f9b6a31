import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { IssueNoticeDto, ListNoticesQuery, NoticeDto, NoticePatternDto, NoticeProposalDto, NoticeVersionDto, ReplyNoticeDto, ReturnNoticeDto } from './dto/notice.dto.js';
import { NoticesService } from './notices.service.js';

@ApiTags('notices')
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post('notices')
  @RequirePermission(Permission.NoticesIssue)
  @ApiOperation({ summary: '下发督办单（自动编号〔年〕第N号）' })
  @ApiCreatedResponse({ type: NoticeDto })
  issue(@CurrentUser() user: Principal, @Body() dto: IssueNoticeDto) {
    return this.notices.issue(user, dto);
  }

  @Get('notices')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '督办单列表（单位只看到发给本单位的）' })
  @ApiOkResponse({ type: [NoticeDto] })
  list(@CurrentUser() user: Principal, @Query() query: ListNoticesQuery) {
    return this.notices.list(user, query);
  }

  @Get('notices/:id')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '督办单详情' })
  @ApiOkResponse({ type: NoticeDto })
  get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.notices.get(user, id);
  }

  @Post('notices/:id/acknowledge')
  @HttpCode(200)
  @RequirePermission(Permission.NoticesRespond)
  @ApiOperation({ summary: '签收督办单（受文单位负责人）' })
  @ApiOkResponse({ type: NoticeDto })
  acknowledge(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: NoticeVersionDto) {
    return this.notices.acknowledge(user, id, dto.version);
  }

  @Post('notices/:id/reply')
  @HttpCode(200)
  @RequirePermission(Permission.NoticesRespond)
  @ApiOperation({ summary: '答复督办单（办理情况）' })
  @ApiOkResponse({ type: NoticeDto })
  reply(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: ReplyNoticeDto) {
    return this.notices.reply(user, id, dto);
  }

  @Post('notices/:id/return')
  @HttpCode(200)
  @RequirePermission(Permission.NoticesIssue)
  @ApiOperation({ summary: '退回答复（须说明理由）' })
  @ApiOkResponse({ type: NoticeDto })
  return(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: ReturnNoticeDto) {
    return this.notices.return(user, id, dto);
  }

  @Post('notices/:id/close')
  @HttpCode(200)
  @RequirePermission(Permission.NoticesIssue)
  @ApiOperation({ summary: '办结督办单' })
  @ApiOkResponse({ type: NoticeDto })
  close(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: NoticeVersionDto) {
    return this.notices.close(user, id, dto.version);
  }

  @Put('plans/:planId/notice-pattern')
  @RequirePermission(Permission.NoticesIssue)
  @ApiOperation({ summary: '设置督办单编号格式（如「银碳督〔{year}〕{n}号」）' })
  @ApiOkResponse({ type: NoticePatternDto })
  setPattern(@Param('planId', ParseIdPipe) planId: string, @Body() dto: NoticePatternDto) {
    return this.notices.setPattern(planId, dto);
  }

  @Get('plans/:planId/notice-proposals')
  @RequirePermission(Permission.NoticesIssue)
  @ApiOperation({ summary: '亮红灯事项的督办建议（可原样下发）' })
  @ApiOkResponse({ type: [NoticeProposalDto] })
  proposals(@Param('planId', ParseIdPipe) planId: string) {
    return this.notices.proposals(planId);
  }
}
