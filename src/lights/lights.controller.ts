import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { LightRulesDto } from './dto/light-rules.dto.js';
import { LightsQueryService } from './lights-query.service.js';

@ApiTags('lights')
@Controller()
export class LightsController {
  constructor(private readonly lights: LightsQueryService) {}

  @Get('work-items/:id/lights')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '工作事项及各责任单位的红黄绿灯、原因与变化历史' })
  forItem(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lights.forItem(user, id);
  }

  @Get('plans/:planId/light-rules')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案的红黄绿灯规则' })
  rules(@Param('planId', ParseUUIDPipe) planId: string) {
    return this.lights.rules(planId);
  }

  @Put('plans/:planId/light-rules')
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '修改红黄绿灯规则（随即重算）' })
  setRules(@Param('planId', ParseUUIDPipe) planId: string, @Body() dto: LightRulesDto) {
    return this.lights.setRules(planId, dto);
  }

  @Post('plans/:planId/lights/recompute')
  @HttpCode(200)
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '立即重算方案的红黄绿灯' })
  recompute(@Param('planId', ParseUUIDPipe) planId: string) {
    return this.lights.recompute(planId);
  }
}
