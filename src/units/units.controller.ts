import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import { CreateUnitDto, ListUnitsQuery, UnitDto, UnitPageDto, UpdateUnitDto } from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @RequirePermission(Permission.UnitsRead)
  @ApiOperation({ summary: '单位列表（名称或别名检索）' })
  @ApiOkResponse({ type: UnitPageDto })
  list(@Query() query: ListUnitsQuery) {
    return this.units.list(query);
  }

  @Get(':id')
  @RequirePermission(Permission.UnitsRead)
  @ApiOperation({ summary: '单位详情' })
  @ApiOkResponse({ type: UnitDto })
  get(@Param('id', ParseIdPipe) id: string) {
    return this.units.get(id);
  }

  @Post()
  @RequirePermission(Permission.UnitsWrite)
  @ApiOperation({ summary: '新建单位' })
  @ApiCreatedResponse({ type: UnitDto })
  create(@Body() dto: CreateUnitDto) {
    return this.units.create(dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.UnitsWrite)
  @ApiOperation({ summary: '修改单位（名称、别名、上级）' })
  @ApiOkResponse({ type: UnitDto })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUnitDto) {
    return this.units.update(id, dto);
  }
}
