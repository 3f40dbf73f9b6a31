import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LightReasonDto {
  @ApiProperty({ enum: ['OVERDUE', 'DUE_SOON', 'BEHIND_SCHEDULE', 'REPORTS_MISSING', 'COMPLETED', 'NO_DATA_YET'] }) code: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'], nullable: true, description: '空：暂无数据' }) light: string | null;
  @ApiProperty() message: string;
}

class UnitLightDto {
  @ApiPropertyOptional() unitId?: string;
  @ApiPropertyOptional() unitName?: string;
  @ApiPropertyOptional({ enum: ['lead', 'supporting'] }) role?: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'], nullable: true }) light: string | null;
  @ApiProperty({ type: [LightReasonDto] }) reasons: LightReasonDto[];
}

class LightChangeDto {
  @ApiPropertyOptional({ type: String, nullable: true }) unitId?: string | null;
  @ApiPropertyOptional() unitName?: string;
  @ApiPropertyOptional({ enum: ['lead', 'supporting'] }) role?: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'], nullable: true }) from: string | null;
  @ApiProperty({ enum: ['green', 'yellow', 'red'], nullable: true }) to: string | null;
  @ApiProperty({ type: [LightReasonDto] }) reasons: LightReasonDto[];
  @ApiProperty() at: string;
}

export class ItemLightsDto {
  @ApiProperty() workItemId: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'], nullable: true }) light: string | null;
  @ApiProperty({ type: [LightReasonDto] }) reasons: LightReasonDto[];
  @ApiProperty({ type: String, nullable: true }) computedAt: string | null;
  @ApiProperty({ type: [UnitLightDto] }) units: UnitLightDto[];
  @ApiProperty({ type: [LightChangeDto] }) history: LightChangeDto[];
}

export class RecomputeResultDto {
  @ApiProperty() items: number;
  @ApiProperty() changed: number;
}
