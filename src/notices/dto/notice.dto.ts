import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, IsVersion } from '../../common/validators.js';

export const LEVELS = ['urge', 'supervise', 'listed'] as const;
export const STATES = ['issued', 'acknowledged', 'replied', 'closed'] as const;

export class IssueNoticeDto {
  @ApiProperty() @IsUUID('all', { message: '须为工作事项 id' }) workItemId: string;
  @ApiProperty({ description: '受文单位（该事项的牵头或配合单位）' }) @IsUUID('all', { message: '须为单位 id' }) unitId: string;

  @ApiProperty({ enum: LEVELS, description: 'urge 催办（蓝）/ supervise 督办（黄）/ listed 挂牌督办（红）' })
  @IsIn(LEVELS as unknown as string[], { message: '须为 urge、supervise 或 listed' })
  level: (typeof LEVELS)[number];

  @ApiProperty({ description: '督办事由' })
  @IsString()
  @MinLength(5, { message: '至少 5 个字' })
  @MaxLength(2000, { message: '不能超过 2000 个字' })
  reason: string;

  @ApiProperty({ description: '办理要求' })
  @IsString()
  @MinLength(5, { message: '至少 5 个字' })
  @MaxLength(2000, { message: '不能超过 2000 个字' })
  requestedAction: string;

  @ApiProperty({ example: '2026-06-30', description: '答复期限（不早于今天）' })
  @IsCalendarDate()
  replyDeadline: string;
}

export class NoticeVersionDto {
  @ApiProperty() @IsVersion() version: number;
}

export class ReplyNoticeDto extends NoticeVersionDto {
  @ApiProperty({ description: '办理情况' })
  @IsString()
  @MinLength(5, { message: '至少 5 个字' })
  @MaxLength(5000, { message: '不能超过 5000 个字' })
  reply: string;
}

export class ReturnNoticeDto extends NoticeVersionDto {
  @ApiProperty({ description: '退回理由' })
  @IsString()
  @MinLength(2, { message: '至少 2 个字' })
  @MaxLength(2000, { message: '不能超过 2000 个字' })
  reason: string;
}

export class ListNoticesQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: '须为方案 id' }) planId?: string;
  @ApiPropertyOptional({ enum: STATES }) @IsOptional() @IsIn(STATES as unknown as string[], { message: '须为 issued、acknowledged、replied 或 closed' }) state?: string;
}

class NoticeItemRefDto {
  @ApiProperty() seq: string;
  @ApiProperty() itemNo: number;
  @ApiProperty() text: string;
}

export class NoticeDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() number: number;
  @ApiProperty({ example: '〔2026〕第1号' }) numberText: string;
  @ApiProperty() workItemId: string;
  @ApiProperty({ type: NoticeItemRefDto }) workItem: NoticeItemRefDto;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: LEVELS }) level: string;
  @ApiProperty({ example: '督办' }) levelLabel: string;
  @ApiProperty({ enum: ['blue', 'yellow', 'red'] }) colour: string;
  @ApiProperty({ enum: STATES }) state: string;
  @ApiProperty() reason: string;
  @ApiProperty() requestedAction: string;
  @ApiProperty() replyDeadline: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty({ type: String, nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedById: string | null;
  @ApiProperty({ type: String, nullable: true }) replyText: string | null;
  @ApiProperty({ type: String, nullable: true }) repliedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ description: '已自动升级次数' }) escalations: number;
  @ApiProperty() version: number;
}

export class NoticeProposalDto {
  @ApiProperty() workItemId: string;
  @ApiProperty({ type: NoticeItemRefDto }) workItem: NoticeItemRefDto;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: LEVELS }) level: string;
  @ApiProperty() reason: string;
  @ApiProperty() requestedAction: string;
  @ApiProperty() replyDeadline: string;
}

export class NoticePatternDto {
  @ApiProperty({ example: '银碳督〔{year}〕{n}号', description: '督办单编号格式：{n} 为序号（必填），{year} 为年份' })
  @IsString()
  @Matches(/\{n\}/, { message: '须包含序号占位符 {n}' })
  @MaxLength(50, { message: '不能超过 50 个字' })
  pattern: string;
}
