import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListWorkItemsQuery } from './dto/work-item.dto.js';
import { WorkItemsService } from './work-items.service.js';

@ApiTags('work-items')
@Controller('work-items')
export class WorkItemsController {
  constructor(private readonly workItems: WorkItemsService) {}

  @Get()
  @ApiOperation({ summary: '工作事项列表（按方案、领域、单位、期限年份、关键词筛选，分页）' })
  list(@Query() query: ListWorkItemsQuery) {
    return this.workItems.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '工作事项详情：责任单位、目标、期限' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.workItems.get(id);
  }
}
