import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ChildPlanReviewDto, PlanReviewDto, ReviewDecisionDto } from './dto/plan-review.dto.js';
import { PlanReviewsService } from './plan-reviews.service.js';

@ApiTags('plan-reviews')
@Controller('plans/:planId')
export class PlanReviewsController {
  constructor(private readonly reviews: PlanReviewsService) {}

  @Get('review')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案审核情况（县区方案报送市领导小组办公室审核）' })
  @ApiOkResponse({ type: PlanReviewDto })
  get(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string) {
    return this.reviews.get(user, planId);
  }

  @Post('review/submit')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsSignOff)
  @ApiOperation({ summary: '报送审核（方案所属县区的负责人）' })
  @ApiOkResponse({ type: PlanReviewDto })
  submit(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: ReviewDecisionDto) {
    return this.reviews.decide(user, planId, 'submit', dto);
  }

  @Post('review/return')
  @HttpCode(200)
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: '退回修改（须附审核意见）' })
  @ApiOkResponse({ type: PlanReviewDto })
  return(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: ReviewDecisionDto) {
    return this.reviews.decide(user, planId, 'return', dto);
  }

  @Post('review/approve')
  @HttpCode(200)
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: '批准（方案随之印发）' })
  @ApiOkResponse({ type: PlanReviewDto })
  approve(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: ReviewDecisionDto) {
    return this.reviews.decide(user, planId, 'approve', dto);
  }

  @Get('child-plan-reviews')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '各县区方案的审核情况（含尚未报送、尚未建立方案的县区）' })
  @ApiOkResponse({ type: [ChildPlanReviewDto] })
  children(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string) {
    return this.reviews.children(user, planId);
  }
}
