import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { DecideProposalDto, ListProposalsQuery, ProposalDto } from './dto/proposal.dto.js';
import { ProposalsService } from './proposals.service.js';

@ApiTags('imports')
@Controller()
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Get('plans/:planId/assignment-proposals')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '草稿中的分工修改意见（如「科技局建议删除」），单位只见与本单位有关的' })
  @ApiOkResponse({ type: [ProposalDto] })
  list(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Query() query: ListProposalsQuery) {
    return this.proposals.list(user, planId, query);
  }

  @Post('assignment-proposals/:id/accept')
  @HttpCode(200)
  @RequirePermission(Permission.ImportsWrite)
  @ApiOperation({ summary: '采纳修改意见：删除、移交则结束该单位的分工，改为牵头/配合则改变角色' })
  @ApiOkResponse({ type: ProposalDto })
  accept(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideProposalDto) {
    return this.proposals.decide(user, id, true, dto);
  }

  @Post('assignment-proposals/:id/reject')
  @HttpCode(200)
  @RequirePermission(Permission.ImportsWrite)
  @ApiOperation({ summary: '不采纳修改意见（须说明理由），分工不变，意见留存' })
  @ApiOkResponse({ type: ProposalDto })
  reject(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideProposalDto) {
    return this.proposals.decide(user, id, false, dto);
  }
}
