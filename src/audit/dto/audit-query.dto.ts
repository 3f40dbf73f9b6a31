import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { IsCalendarDate } from '../../common/validators.js';

/** Every entity type the chain records; each has its own read rule (see audit-access.ts). */
export const AUDITED_ENTITIES = ['Plan', 'Unit', 'WorkItem', 'User', 'ImportRun', 'ProgressReport', 'ExtensionRequest', 'ReportingPeriod', 'AssignmentProposal', 'SupervisionNotice', 'ReminderMute', 'YearEndCycle', 'AnnualReport', 'Indicator', 'IndicatorActual', 'Target'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export class AuditQuery {
  @ApiProperty({ enum: AUDITED_ENTITIES })
  @IsIn(AUDITED_ENTITIES)
  entityType: AuditedEntity;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  entityId: string;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: '此前保存的检查点：最后一条事件的编号' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: '须为事件编号' })
  checkpointId?: string;

  @ApiPropertyOptional({ description: '此前保存的检查点：该事件的签名' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: '须为 64 位十六进制' })
  checkpointHash?: string;
}

export class AuditSearchQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDITED_ENTITIES })
  @IsOptional()
  @IsIn(AUDITED_ENTITIES)
  entityType?: AuditedEntity;

  @ApiPropertyOptional({ description: '动作，如 report.returned' })
  @IsOptional()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: '须为动作名，如 report.returned' })
  action?: string;

  @ApiPropertyOptional({ description: '操作人账号编号' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: '起始日（北京时间，含）', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: '截止日（北京时间，含）', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class AuditExportQuery extends AuditSearchQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'xlsx';
}
