import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { CopySchemeDto, CreateSchemeDto, CriterionKindDto, CriterionKindsQuery, SchemeDto, UpdateSchemeDto } from './dto/scheme.dto.js';
import { SchemesService } from './schemes.service.js';

@ApiTags('assessment')
@Controller()
export class SchemesController {
  constructor(private readonly schemes: SchemesService) {}

  @Get('assessment-criterion-kinds')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '可由数据计算的考核指标种类，及本方案本年度是否有所需数据' })
  @ApiOkResponse({ type: [CriterionKindDto] })
  kinds(@Query() q: CriterionKindsQuery) {
    return this.schemes.kinds(q.planId, q.year);
  }

  @Get('plans/:planId/assessment-schemes')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '考核方案（按年度）' })
  @ApiOkResponse({ type: [SchemeDto] })
  list(@Param('planId', ParseIdPipe) planId: string) {
    return this.schemes.list(planId);
  }

  @Post('plans/:planId/assessment-schemes')
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '制定年度考核方案（保存时校验；以领导批示、宣传报道、图片留痕、填表数量计分的指标一律拒绝）' })
  @ApiCreatedResponse({ type: SchemeDto })
  create(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: CreateSchemeDto) {
    return this.schemes.create(user, planId, dto);
  }

  @Post('plans/:planId/assessment-schemes/copy')
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '复制上一年度（或任一年度）的考核方案' })
  @ApiCreatedResponse({ type: SchemeDto })
  copy(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: CopySchemeDto) {
    return this.schemes.copy(user, planId, dto);
  }

  @Get('assessment-schemes/:id')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '考核方案详情（计算类指标附公式）' })
  @ApiOkResponse({ type: SchemeDto })
  get(@Param('id', ParseIdPipe) id: string) {
    return this.schemes.get(id);
  }

  @Put('assessment-schemes/:id')
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '修改考核方案（已开启的考核使用开启时的方案副本）' })
  @ApiOkResponse({ type: SchemeDto })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateSchemeDto) {
    return this.schemes.update(id, dto);
  }
}
