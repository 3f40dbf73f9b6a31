import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class DashboardQuery {
  @ApiProperty()
  @IsUUID()
  planId: string;

  @ApiPropertyOptional({ description: '重点领域节点' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ description: '责任单位' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red'] })
  @IsOptional()
  @IsIn(['green', 'yellow', 'red'])
  light?: 'green' | 'yellow' | 'red';
}

class LightCountsDto {
  @ApiProperty() green: number;
  @ApiProperty() yellow: number;
  @ApiProperty() red: number;
  @ApiProperty({ description: '尚未计算灯色' }) none: number;
}

class AreaLightDto extends LightCountsDto {
  @ApiProperty({ type: String, nullable: true }) areaId: string | null;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
  @ApiProperty() title: string;
}

class UnitLightCountsDto extends LightCountsDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
}

class OverdueItemDto {
  @ApiProperty() workItemId: string;
  @ApiProperty() seq: string;
  @ApiProperty() itemNo: number;
  @ApiProperty() text: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) reasons: unknown;
}

class MissingReportsDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() periodId: string;
  @ApiProperty() period: string;
  @ApiProperty() missing: number;
}

class ReportingRateDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() periodId: string;
  @ApiProperty() period: string;
  @ApiProperty() dueDate: string;
  @ApiProperty() expected: number;
  @ApiProperty() submitted: number;
  @ApiProperty() onTime: number;
  @ApiProperty() missing: number;
  @ApiProperty({ type: Number, nullable: true, description: '按时报送率（0–1）' }) onTimeRate: number | null;
}

export class DashboardDto {
  @ApiProperty({ description: '计算所依据的日期（北京时间）' }) today: string;
  @ApiProperty({ type: [AreaLightDto] }) byAreaLight: AreaLightDto[];
  @ApiProperty({ type: [UnitLightCountsDto] }) byUnitLight: UnitLightCountsDto[];
  @ApiProperty({ type: [OverdueItemDto] }) overdue: OverdueItemDto[];
  @ApiProperty({ type: [MissingReportsDto] }) unitsWithMissingReports: MissingReportsDto[];
  @ApiProperty({ type: [ReportingRateDto] }) reporting: ReportingRateDto[];
}
