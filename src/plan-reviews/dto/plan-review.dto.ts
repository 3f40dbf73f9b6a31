import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsVersion } from '../../common/validators.js';

export class ReviewDecisionDto {
  @ApiProperty() @IsVersion() version: number;
  @ApiPropertyOptional({ description: '审核意见（退回时必填）' }) @IsOptional() @IsString() @MaxLength(5000) reason?: string;
}

export class PlanReviewDto {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() planStatus: string;
  @ApiProperty() jurisdiction: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'returned', 'approved'] }) state: string;
  @ApiProperty({ type: String, nullable: true, description: '办公室审核意见' }) remarks: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty() version: number;
}

export class ChildPlanReviewDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, nullable: true }) planId: string | null;
  @ApiProperty({ type: String, nullable: true }) planTitle: string | null;
  @ApiProperty({ enum: ['no_plan', 'draft', 'submitted', 'returned', 'approved'], description: 'no_plan：尚未建立下级方案' }) state: string;
}
