import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ListWorkItemsQuery, WorkItemDto, WorkItemPageDto } from './dto/work-item.dto.js';
import { WorkItemsService } from './work-items.service.js';

@ApiTags('work-items')
@Controller('work-items')
export class WorkItemsController {
  constructor(private readonly workItems: WorkItemsService) {}

  @Get()
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '工作事项列表（按方案、领域、单位、期限年份、关键词筛选，分页）' })
  @ApiOkResponse({ type: WorkItemPageDto })
  // The service answers with the page's JSON text as PostgreSQL assembled it.
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@CurrentUser() user: Principal, @Query() query: ListWorkItemsQuery) {
    return this.workItems.list(user, query);
  }

  @Get(':id')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '工作事项详情：责任单位、目标、期限' })
  @ApiOkResponse({ type: WorkItemDto })
  get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.workItems.get(user, id);
  }
}
