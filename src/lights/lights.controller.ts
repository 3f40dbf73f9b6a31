import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { LightRulesDto } from './dto/light-rules.dto.js';
import { LightsQueryService } from './lights-query.service.js';
import { ItemLightsDto, RecomputeResultDto } from './dto/item-lights.dto.js';

@ApiTags('lights')
@Controller()
export class LightsController {
  constructor(private readonly lights: LightsQueryService) {}

  @Get('work-items/:id/lights')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '工作事项及各责任单位的红黄绿灯、原因与变化历史' })
  @ApiOkResponse({ type: ItemLightsDto })
  forItem(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.lights.forItem(user, id);
  }

  @Get('plans/:planId/light-rules')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案的红黄绿灯规则' })
  @ApiOkResponse({ type: LightRulesDto })
  rules(@Param('planId', ParseIdPipe) planId: string) {
    return this.lights.rules(planId);
  }

  @Put('plans/:planId/light-rules')
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '修改红黄绿灯规则（随即重算）' })
  @ApiOkResponse({ type: LightRulesDto })
  setRules(@Param('planId', ParseIdPipe) planId: string, @Body() dto: LightRulesDto) {
    return this.lights.setRules(planId, dto);
  }

  @Post('plans/:planId/lights/recompute')
  @HttpCode(200)
  @RequirePermission(Permission.PeriodsManage)
  @ApiOperation({ summary: '立即重算方案的红黄绿灯' })
  @ApiOkResponse({ type: RecomputeResultDto })
  recompute(@Param('planId', ParseIdPipe) planId: string) {
    return this.lights.recompute(planId);
  }
}
