import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PlanStatus, PlanVisibility } from '../../generated/prisma/enums.js';
import { IsVersion } from '../../common/validators.js';

export class PlanDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '银川市碳达峰实施方案' }) title: string;
  @ApiProperty({ type: String, nullable: true, example: '银发〔2023〕1号' }) documentNumber: string | null;
  @ApiProperty({ enum: PlanStatus }) status: PlanStatus;
  @ApiProperty() version: number;
  @ApiProperty({ enum: PlanVisibility }) visibility: PlanVisibility;
  @ApiProperty({ type: Number, nullable: true }) horizonStartYear: number | null;
  @ApiProperty({ type: Number, nullable: true }) horizonEndYear: number | null;
  @ApiProperty({ type: String, nullable: true }) issuingUnitId: string | null;
  @ApiProperty() jurisdictionId: string;
  @ApiProperty({ type: String, nullable: true }) parentPlanId: string | null;
  @ApiProperty({ type: [String], description: '不再重复列出的隐含配合单位' }) implicitSupportingUnitIds: string[];
  @ApiProperty() workItemCount: number;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'half_yearly', 'yearly'], nullable: true, description: '调度频次（未设置时为空）' }) reportingCadence: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '报送截止日：期末次月的第几天' }) reportingDueDay: number | null;
  @ApiProperty({ description: '行版本（并发控制）' }) rowVersion: number;
}

class PlanFields {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentNumber?: string;

  @ApiPropertyOptional({ enum: PlanStatus })
  @IsOptional()
  @IsEnum(PlanStatus)
  status?: PlanStatus;

  @ApiPropertyOptional({ enum: PlanVisibility })
  @IsOptional()
  @IsEnum(PlanVisibility)
  visibility?: PlanVisibility;

  @ApiPropertyOptional({ example: 2021 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  horizonStartYear?: number;

  @ApiPropertyOptional({ example: 2030 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  horizonEndYear?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  issuingUnitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentPlanId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  implicitSupportingUnitIds?: string[];
}

export class CreatePlanDto extends PlanFields {
  @ApiProperty({ example: '银川市碳达峰实施方案' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @ApiProperty({ description: '方案所属行政区（集合单位按此展开）' })
  @IsUUID()
  jurisdictionId: string;
}

export class UpdatePlanDto extends PlanFields {
  @ApiProperty({ description: '所依据的行版本；已被他人修改时返回 409 及当前版本' })
  @IsVersion()
  rowVersion: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: '修改后版本号加一' })
  @IsOptional()
  @IsVersion()
  version?: number;
}

export class NodeItemDto {
  @ApiProperty() id: string;
  @ApiProperty() seq: string;
  @ApiProperty() itemNo: number;
  @ApiProperty() text: string;
}

export class PlanNodeDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['area', 'measure'] }) level: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: () => [PlanNodeDto] }) children: PlanNodeDto[];
  @ApiProperty({ type: [NodeItemDto], description: '直接挂在此节点下、调用者可见的工作事项' })
  workItems: NodeItemDto[];
}
