import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { DecideExtensionDto, ListExtensionsQuery, RequestExtensionDto } from './dto/extension.dto.js';
import { ExtensionsService } from './extensions.service.js';
import { ExtensionDto } from './dto/extension-view.dto.js';

@ApiTags('extensions')
@Controller()
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Post('work-items/:id/extensions')
  @RequirePermission(Permission.ExtensionsRequest)
  @ApiOperation({ summary: '申请延期（牵头单位，须在期限届满前）' })
  @ApiCreatedResponse({ type: ExtensionDto })
  request(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RequestExtensionDto) {
    return this.extensions.request(user, id, dto);
  }

  @Get('extensions')
  @RequirePermission(Permission.WorkItemsRead)
  @ApiOperation({ summary: '延期申请列表' })
  @ApiOkResponse({ type: [ExtensionDto] })
  list(@CurrentUser() user: Principal, @Query() query: ListExtensionsQuery) {
    return this.extensions.list(user, query);
  }

  @Post('extensions/:id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.ExtensionsDecide)
  @ApiOperation({ summary: '批准延期（原期限保留，红黄绿灯按批准日期计算）' })
  @ApiOkResponse({ type: ExtensionDto })
  approve(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideExtensionDto) {
    return this.extensions.decide(user, id, true, dto);
  }

  @Post('extensions/:id/reject')
  @HttpCode(200)
  @RequirePermission(Permission.ExtensionsDecide)
  @ApiOperation({ summary: '驳回延期（须说明理由）' })
  @ApiOkResponse({ type: ExtensionDto })
  reject(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideExtensionDto) {
    return this.extensions.decide(user, id, false, dto);
  }
}
