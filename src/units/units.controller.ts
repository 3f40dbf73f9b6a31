import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import { CreateUnitDto, ListUnitsQuery, UpdateUnitDto } from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @RequirePermission(Permission.UnitsRead)
  @ApiOperation({ summary: '单位列表（名称或别名检索）' })
  list(@Query() query: ListUnitsQuery) {
    return this.units.list(query);
  }

  @Get(':id')
  @RequirePermission(Permission.UnitsRead)
  @ApiOperation({ summary: '单位详情' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.units.get(id);
  }

  @Post()
  @RequirePermission(Permission.UnitsWrite)
  @ApiOperation({ summary: '新建单位' })
  create(@Body() dto: CreateUnitDto) {
    return this.units.create(dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.UnitsWrite)
  @ApiOperation({ summary: '修改单位（名称、别名、上级）' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUnitDto) {
    return this.units.update(id, dto);
  }
}
