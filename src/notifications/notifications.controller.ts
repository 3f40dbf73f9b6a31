import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import {
  DeliveryDto,
  DeliveryPageDto,
  ListDeliveriesQuery,
  ListNotificationsQuery,
  MarkedDto,
  MySettingsDto,
  NotificationDto,
  NotificationPageDto,
  UnitChannelsDto,
  UnreadCountDto,
  UpdateMySettingsDto,
  UpdateUnitChannelsDto,
} from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '我的站内消息（分页，含未读数）' })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: Principal, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(user, query);
  }

  @Get('notifications/unread-count')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '我的未读消息数' })
  @ApiOkResponse({ type: UnreadCountDto })
  unread(@CurrentUser() user: Principal) {
    return this.notifications.unreadCount(user);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '标记一条消息为已读（他人的消息视为不存在）' })
  @ApiOkResponse({ type: NotificationDto })
  read(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.notifications.markRead(user, id);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '全部标记为已读' })
  @ApiOkResponse({ type: MarkedDto })
  readAll(@CurrentUser() user: Principal) {
    return this.notifications.markAllRead(user);
  }

  @Get('notifications/settings')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '我的邮件提醒设置' })
  @ApiOkResponse({ type: MySettingsDto })
  settings(@CurrentUser() user: Principal) {
    return this.notifications.mySettings(user);
  }

  @Put('notifications/settings')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '设置接收邮箱、退订邮件汇总' })
  @ApiOkResponse({ type: MySettingsDto })
  updateSettings(@CurrentUser() user: Principal, @Body() dto: UpdateMySettingsDto) {
    return this.notifications.updateMySettings(user, dto);
  }

  @Get('units/:id/channels')
  @RequirePermission(Permission.NotificationsManage)
  @ApiOperation({ summary: '单位的群机器人配置（地址与密钥只写不读）' })
  @ApiOkResponse({ type: UnitChannelsDto })
  channels(@Param('id', ParseIdPipe) id: string) {
    return this.notifications.unitChannels(id);
  }

  @Put('units/:id/channels')
  @RequirePermission(Permission.NotificationsManage)
  @ApiOperation({ summary: '设置单位的企业微信 / 钉钉群机器人' })
  @ApiOkResponse({ type: UnitChannelsDto })
  setChannels(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUnitChannelsDto) {
    return this.notifications.updateUnitChannels(user, id, dto);
  }

  @Get('notification-deliveries')
  @RequirePermission(Permission.NotificationsManage)
  @ApiOperation({ summary: '邮件与机器人投递记录（status=dead 列出死信）' })
  @ApiOkResponse({ type: DeliveryPageDto })
  deliveries(@Query() query: ListDeliveriesQuery) {
    return this.notifications.listDeliveries(query);
  }

  @Post('notification-deliveries/:id/retry')
  @HttpCode(200)
  @RequirePermission(Permission.NotificationsManage)
  @ApiOperation({ summary: '重新投递一条死信' })
  @ApiOkResponse({ type: DeliveryDto })
  retry(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.notifications.retry(user, id);
  }
}
