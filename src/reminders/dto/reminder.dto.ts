import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { RULES } from '../reminder-rules.js';

// The messages do not name the list: the problem puts its path (reportDue.daysBefore) before each message.
const Days = () =>
  applyDecorators(
    IsArray({ message: '须为天数列表' }),
    ArrayMaxSize(10, { message: '最多 10 个天数' }),
    ArrayUnique({ message: '天数不能重复' }),
    IsInt({ each: true, message: '每一项须为整数天数' }),
    Min(1, { each: true, message: '每一项至少 1 天' }),
    Max(366, { each: true, message: '每一项不超过 366 天' }),
  );

class ReportDueRuleDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiProperty({ type: [Number], example: [7, 3, 1], description: '截止前第几天提醒' }) @Days() daysBefore: number[];
}

class ReportLateRuleDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiProperty({ type: [Number], example: [1, 3, 7], description: '逾期后第几天提醒' }) @Days() daysAfter: number[];
  @ApiProperty({ example: 7, description: '此后每隔几天再提醒（0 不再提醒）' }) @IsInt() @Min(0) @Max(366) repeatEveryDays: number;
  @ApiProperty({ example: 7, description: '逾期第几天起同时提醒领导小组办公室' }) @IsInt() @Min(1) @Max(366) officeFromDay: number;
}

class DeadlineRuleDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
  @ApiProperty({ type: [Number], example: [30, 7, 1] }) @Days() daysBefore: number[];
  @ApiProperty({ type: [Number], example: [1, 7] }) @Days() daysAfter: number[];
  @ApiProperty({ example: 30 }) @IsInt() @Min(0) @Max(366) repeatEveryDays: number;
}

class LightRedRuleDto {
  @ApiProperty() @IsBoolean() enabled: boolean;
}

export class ReminderRulesDto {
  @ApiProperty({ example: 9, description: '每日发送时刻（北京时间 8–19 时；20:00–08:00 不发送）' })
  @IsInt({ message: '须为整数' })
  @Min(8, { message: '不能早于 8 时' })
  @Max(19, { message: '不能晚于 19 时' })
  sendHour: number;

  @ApiProperty({ type: ReportDueRuleDto }) @ValidateNested() @Type(() => ReportDueRuleDto) reportDue: ReportDueRuleDto;
  @ApiProperty({ type: ReportLateRuleDto }) @ValidateNested() @Type(() => ReportLateRuleDto) reportLate: ReportLateRuleDto;
  @ApiProperty({ type: DeadlineRuleDto }) @ValidateNested() @Type(() => DeadlineRuleDto) deadline: DeadlineRuleDto;
  @ApiProperty({ type: LightRedRuleDto }) @ValidateNested() @Type(() => LightRedRuleDto) lightRed: LightRedRuleDto;
}

export class CreateMuteDto {
  @ApiProperty() @IsUUID('all', { message: '须为单位 id' }) unitId: string;

  @ApiProperty({ enum: RULES })
  @IsIn(RULES as unknown as string[], { message: `须为 ${RULES.join('、')} 之一` })
  rule: string;

  @ApiProperty({ description: '暂停提醒的理由' })
  @IsString()
  @MinLength(2, { message: '至少 2 个字' })
  @MaxLength(500, { message: '不能超过 500 个字' })
  reason: string;
}

export class LiftMuteDto {
  @ApiProperty({ description: '恢复提醒的理由' })
  @IsString()
  @MinLength(2, { message: '至少 2 个字' })
  @MaxLength(500, { message: '不能超过 500 个字' })
  reason: string;
}

export class MuteDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() rule: string;
  @ApiProperty() reason: string;
  @ApiProperty() createdAt: string;
}

export class PreviewQuery {
  @ApiProperty() @IsUUID('all', { message: '须为方案 id' }) planId: string;

  @ApiPropertyOptional({ example: '2026-03-30', description: '日期（按该方案的发送时刻）或带时区的时刻；缺省为现在' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: '须为 YYYY-MM-DD 或 ISO 8601 时刻（如 2026-03-30T09:00:00+08:00）' })
  at?: string;
}

export class PreviewItemDto {
  @ApiProperty() rule: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() recipientId: string;
  @ApiProperty() recipientName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: '提醒点（日期或事件 id）' }) occurrence: string;
  @ApiProperty({ description: '已发送过（台账中已有），届时不会重发' }) alreadySent: boolean;
}

export class PreviewDto {
  @ApiProperty() day: string;
  @ApiProperty({ description: '是否工作日（节假日、周末不发送，顺延到下一个工作日）' }) workingDay: boolean;
  @ApiProperty({ type: [String], description: '本次扫描覆盖的日期（含之前的休息日）' }) window: string[];
  @ApiProperty({ type: [PreviewItemDto] }) items: PreviewItemDto[];
}

export class ScanResultDto {
  @ApiProperty() day: string;
  @ApiProperty({ description: '新写入台账的消息数' }) written: number;
  @ApiProperty({ description: '本次排队发送的邮件与机器人消息数' }) queued: number;
}
