import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Cadence, ProgressStatus } from '../../generated/prisma/enums.js';
import { IsVersion } from '../../common/validators.js';

export class ScheduleDto {
  @ApiProperty({ enum: Cadence, description: '调度频次' })
  @IsEnum(Cadence)
  cadence: Cadence;

  @ApiProperty({ description: '报送截止日：期末次月的第几天', minimum: 1, maximum: 31, example: 5 })
  @IsInt()
  @Min(1)
  @Max(31)
  dueDay: number;
}

export class OpenPeriodDto {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ description: '年内第几期（月 1–12，季度 1–4，半年 1–2，年度 1）', example: 1 })
  @IsInt()
  @Min(1)
  @Max(12)
  index: number;

  @ApiPropertyOptional({ description: '截止日已过或超前一个周期以上时，须为 true 并说明原因' })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;

  @ApiPropertyOptional({ description: '特殊开启的原因（审计留痕）' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ClosePeriodDto {
  @ApiProperty({ description: '所依据的版本号' })
  @IsVersion()
  version: number;

  @ApiPropertyOptional({ description: '说明（可选）' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class VersionDto {
  @ApiProperty({ description: '所依据的版本号；已被他人修改时返回 409 及当前版本' })
  @IsVersion()
  version: number;
}

export class ReasonDto extends VersionDto {
  @ApiProperty({ description: '原因（退回、重新打开时必填）' })
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason: string;
}

export class ReportContentDto extends VersionDto {
  @ApiProperty({ enum: ProgressStatus })
  @IsEnum(ProgressStatus)
  status: ProgressStatus;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;

  @ApiProperty({ description: '主要工作进展' })
  @IsString()
  @MaxLength(5000)
  done: string;

  @ApiPropertyOptional({ description: '存在问题' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  problems?: string;

  @ApiPropertyOptional({ description: '下一步计划' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  nextSteps?: string;
}

export class BatchItemDto extends ReportContentDto {
  @ApiProperty()
  @IsUUID()
  reportId: string;
}

export class BatchDto {
  @ApiProperty({ type: [BatchItemDto] })
  @ValidateNested({ each: true })
  @Type(() => BatchItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  items: BatchItemDto[];

  @ApiPropertyOptional({ type: Boolean, description: 'true：单位负责人审核后一并报送（仅单位负责人）', default: false })
  @IsOptional()
  @IsBoolean()
  signOff = false;
}

export class ListReportsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: '只看一个工作事项的报告与协办情况' })
  @IsOptional()
  @IsUUID()
  workItemId?: string;

  @ApiPropertyOptional({ enum: ['pending', 'draft', 'submitted', 'returned', 'accepted'] })
  @IsOptional()
  @IsIn(['pending', 'draft', 'submitted', 'returned', 'accepted'])
  state?: 'pending' | 'draft' | 'submitted' | 'returned' | 'accepted';
}
