import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { QueryBoolean } from '../../common/validators.js';

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: '提醒规则，如 report_due、report_late、deadline_due、deadline_overdue、light_red' }) rule: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) planId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
  @ApiProperty({ description: '所属提醒日（北京时间）' }) day: string;
  @ApiProperty({ type: String, nullable: true }) readAt: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: '未读条数' }) unread: number;
}

export class UnreadCountDto {
  @ApiProperty() unread: number;
}

export class MarkedDto {
  @ApiProperty({ description: '本次标记为已读的条数' }) marked: number;
}

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true：只列未读' })
  @IsOptional()
  @QueryBoolean('须为 true 或 false')
  unread?: boolean;
}

export class MySettingsDto {
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ description: '不接收邮件汇总' }) emailOptOut: boolean;
}

export class UpdateMySettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: '接收汇总邮件的地址；null 清除' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: '须为有效的电子邮件地址' })
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ description: 'true：不再接收邮件汇总（站内消息照常）' })
  // null is refused, not taken for "absent": the column is not nullable.
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean({ message: '须为 true 或 false' })
  emailOptOut?: boolean;
}

const WEBHOOK = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_valid_protocol: true };

export class UnitChannelsDto {
  @ApiProperty() unitId: string;
  @ApiProperty({ description: '已配置企业微信群机器人（地址含密钥，不回显）' }) wecomConfigured: boolean;
  @ApiProperty({ description: '已配置钉钉群机器人（地址含密钥，不回显）' }) dingtalkConfigured: boolean;
  @ApiProperty({ description: '钉钉机器人已设置加签密钥' }) dingtalkSigned: boolean;
}

/** Write-only: a URL or secret given here is stored and never shown again; null removes it, absent keeps it. */
export class UpdateUnitChannelsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl(WEBHOOK, { message: '须为 http(s):// 开头的完整网址' })
  @MaxLength(500, { message: '不能超过 500 个字符' })
  wecomWebhook?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://oapi.dingtalk.com/robot/send?access_token=…' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl(WEBHOOK, { message: '须为 http(s):// 开头的完整网址' })
  @MaxLength(500, { message: '不能超过 500 个字符' })
  dingtalkWebhook?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: '钉钉加签密钥（SEC 开头）' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(8, { message: '至少 8 个字符' })
  @MaxLength(200, { message: '不能超过 200 个字符' })
  dingtalkSecret?: string | null;
}

export class DeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['email', 'wecom', 'dingtalk'] }) channel: string;
  @ApiProperty({ description: '收件用户（邮件）或单位（机器人）的 id' }) target: string;
  @ApiProperty() day: string;
  @ApiProperty({ enum: ['pending', 'sent', 'dead'] }) status: string;
  @ApiProperty() subject: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deadAt: string | null;
}

export class ListDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'sent', 'dead'] })
  @IsOptional()
  @IsIn(['pending', 'sent', 'dead'], { message: '须为 pending、sent 或 dead' })
  status?: 'pending' | 'sent' | 'dead';
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
