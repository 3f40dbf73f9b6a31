import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { ListWorkItemsQuery } from './dto/work-item.dto.js';
import { WorkItemsService } from './work-items.service.js';

@ApiTags('work-items')
@Controller('work-items')
export class WorkItemsController {
  constructor(private readonly workItems: WorkItemsService) {}

  @Get()
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '工作事项列表（按方案、领域、单位、期限年份、关键词筛选，分页）' })
  list(@CurrentUser() user: Principal, @Query() query: ListWorkItemsQuery) {
    return this.workItems.list(user, query);
  }

  @Get(':id')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '工作事项详情：责任单位、目标、期限' })
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.workItems.get(user, id);
  }
}
