import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { CreateMuteDto, LiftMuteDto, MuteDto, PreviewDto, PreviewQuery, ReminderRulesDto, ScanResultDto } from './dto/reminder.dto.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('reminders/preview')
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '预览某一时刻将发送的提醒（不发送）' })
  @ApiOkResponse({ type: PreviewDto })
  preview(@Query() query: PreviewQuery) {
    return this.reminders.preview(query);
  }

  @Get('plans/:planId/reminder-rules')
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '方案的提醒规则（未设置时为默认值）' })
  @ApiOkResponse({ type: ReminderRulesDto })
  rules(@Param('planId', ParseIdPipe) planId: string) {
    return this.reminders.rules(planId);
  }

  @Put('plans/:planId/reminder-rules')
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '设置方案的提醒规则与每日发送时刻' })
  @ApiOkResponse({ type: ReminderRulesDto })
  setRules(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: ReminderRulesDto) {
    return this.reminders.setRules(user, planId, dto);
  }

  @Post('plans/:planId/reminders/scan')
  @HttpCode(200)
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '立即运行当日提醒扫描（已发过的不重发）' })
  @ApiOkResponse({ type: ScanResultDto })
  scan(@Param('planId', ParseIdPipe) planId: string) {
    return this.reminders.runNow(planId);
  }

  @Get('plans/:planId/reminder-mutes')
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '暂停提醒的单位' })
  @ApiOkResponse({ type: [MuteDto] })
  mutes(@Param('planId', ParseIdPipe) planId: string) {
    return this.reminders.mutes(planId);
  }

  @Post('plans/:planId/reminder-mutes')
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '对某单位暂停某类提醒（须说明理由，记入审计）' })
  @ApiCreatedResponse({ type: MuteDto })
  mute(@Param('planId', ParseIdPipe) planId: string, @Body() dto: CreateMuteDto) {
    return this.reminders.mute(planId, dto);
  }

  @Post('reminder-mutes/:id/lift')
  @HttpCode(204)
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '恢复提醒（须说明理由，记入审计）' })
  @ApiNoContentResponse()
  lift(@Param('id', ParseIdPipe) id: string, @Body() dto: LiftMuteDto) {
    return this.reminders.lift(id, dto);
  }
}
