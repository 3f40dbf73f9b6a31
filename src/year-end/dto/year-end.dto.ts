import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsVersion } from '../../common/validators.js';

export class OpenCycleDto {
  @ApiProperty({ example: 2026, description: '报告年度' })
  @IsInt({ message: '须为整数年份' })
  @Min(2000, { message: '不能早于 2000 年' })
  @Max(2100, { message: '不能晚于 2100 年' })
  year: number;

  @ApiPropertyOptional({ example: '2026-12-31', description: '报送截止日期（默认当年 12 月 31 日，即「每年年底前」）' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({ description: '报送对象（默认：<辖区>碳达峰碳中和工作领导小组办公室）' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  recipient?: string;
}

export class AddObligationDto {
  @ApiProperty() @IsUUID('all', { message: '须为单位编号（UUID）' }) unitId: string;

  @ApiProperty({ description: '增加该单位的理由' })
  @IsString()
  @MinLength(2, { message: '请说明理由（至少 2 个字）' })
  @MaxLength(1000)
  reason: string;
}

export class DropObligationDto {
  @ApiProperty({ description: '免报理由' })
  @IsString()
  @MinLength(2, { message: '请说明理由（至少 2 个字）' })
  @MaxLength(1000)
  reason: string;
}

const STATUSES = ['not_started', 'on_track', 'at_risk', 'delayed', 'completed'] as const;

export class AnnualItemEditDto {
  @ApiProperty() @IsUUID('all', { message: '须为工作事项编号（UUID）' }) workItemId: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: `须为 ${STATUSES.join(' / ')} 之一` }) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '须为整数' }) @Min(0, { message: '不能小于 0' }) @Max(100, { message: '不能大于 100' }) percent?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) done?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) problems?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) nextSteps?: string;
}

export class SaveAnnualReportDto {
  @ApiProperty() @IsVersion() version: number;
  @ApiPropertyOptional({ description: '主要成效' }) @IsOptional() @IsString() @MaxLength(20000) achievements?: string;
  @ApiPropertyOptional({ description: '存在问题' }) @IsOptional() @IsString() @MaxLength(20000) problems?: string;
  @ApiPropertyOptional({ description: '下一年工作打算' }) @IsOptional() @IsString() @MaxLength(20000) nextYearPlans?: string;

  @ApiPropertyOptional({ type: [AnnualItemEditDto], description: '对预填事项的修改（只列要改的事项）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ArrayUnique((i: AnnualItemEditDto) => i?.workItemId, { message: '同一事项只能出现一次' })
  @ValidateNested({ each: true })
  @Type(() => AnnualItemEditDto)
  items?: AnnualItemEditDto[];
}

export class AnnualVersionDto {
  @ApiProperty() @IsVersion() version: number;
}

export class AnnualDecisionDto {
  @ApiProperty() @IsVersion() version: number;

  @ApiPropertyOptional({ description: '退回或重新打开的理由（必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
