import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { DecideExtensionDto, ListExtensionsQuery, RequestExtensionDto } from './dto/extension.dto.js';
import { ExtensionsService } from './extensions.service.js';

@ApiTags('extensions')
@Controller()
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Post('work-items/:id/extensions')
  @RequirePermission(Permission.ExtensionsRequest)
  @ApiOperation({ summary: '申请延期（牵头单位，须在期限届满前）' })
  request(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RequestExtensionDto) {
    return this.extensions.request(user, id, dto);
  }

  @Get('extensions')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '延期申请列表' })
  list(@CurrentUser() user: Principal, @Query() query: ListExtensionsQuery) {
    return this.extensions.list(user, query);
  }

  @Post('extensions/:id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.ExtensionsDecide)
  @ApiOperation({ summary: '批准延期（原期限保留，红黄绿灯按批准日期计算）' })
  approve(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideExtensionDto) {
    return this.extensions.decide(user, id, true, dto);
  }

  @Post('extensions/:id/reject')
  @HttpCode(200)
  @RequirePermission(Permission.ExtensionsDecide)
  @ApiOperation({ summary: '驳回延期（须说明理由）' })
  reject(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideExtensionDto) {
    return this.extensions.decide(user, id, false, dto);
  }
}
