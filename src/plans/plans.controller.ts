import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import type { Principal } from '../access/principal.js';
import { Permission } from '../access/permissions.js';
import { CreatePlanDto, PlanDto, PlanNodeDto, UpdatePlanDto } from './dto/plan.dto.js';
import { PlansService } from './plans.service.js';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案列表' })
  @ApiOkResponse({ type: [PlanDto] })
  list() {
    return this.plans.list();
  }

  @Get(':id')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案详情' })
  @ApiOkResponse({ type: PlanDto })
  get(@Param('id', ParseIdPipe) id: string) {
    return this.plans.get(id);
  }

  @Get(':id/structure')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案结构：重点领域 → 行动措施 → 工作事项' })
  @ApiOkResponse({ type: [PlanNodeDto] })
  structure(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.plans.structure(user, id);
  }

  @Post()
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: '新建方案' })
  @ApiCreatedResponse({ type: PlanDto })
  create(@Body() dto: CreatePlanDto) {
    return this.plans.create(dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: '修改方案' })
  @ApiOkResponse({ type: PlanDto })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdatePlanDto) {
    return this.plans.update(id, dto);
  }
}
