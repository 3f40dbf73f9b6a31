import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { DashboardDto, DashboardQuery } from './dashboard.dto.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermission(Permission.DashboardRead)
  @ApiOperation({ summary: '看板：领域×灯色、单位×灯色、逾期事项、缺报单位、按期报送率（按可见范围）' })
  @ApiOkResponse({ type: DashboardDto })
  figures(@CurrentUser() user: Principal, @Query() query: DashboardQuery) {
    return this.dashboard.figures(user, query);
  }
}
