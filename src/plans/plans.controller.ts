import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import { CreatePlanDto, UpdatePlanDto } from './dto/plan.dto.js';
import { PlansService } from './plans.service.js';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案列表' })
  list() {
    return this.plans.list();
  }

  @Get(':id')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案详情' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.plans.get(id);
  }

  @Get(':id/structure')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: '方案结构：重点领域 → 行动措施 → 工作事项' })
  structure(@Param('id', ParseUUIDPipe) id: string) {
    return this.plans.structure(id);
  }

  @Post()
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: '新建方案' })
  create(@Body() dto: CreatePlanDto) {
    return this.plans.create(dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: '修改方案' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePlanDto) {
    return this.plans.update(id, dto);
  }
}
