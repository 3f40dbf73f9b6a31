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

  @ApiPropertyOptional({ description: '按期报送率所示的调度期（须为本方案的调度期）；缺省为截止日已过的最近一期（尚无截止日已过的，为最早一期）' })
  @IsOptional()
  @IsUUID()
  periodId?: string;
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

class DashboardPeriodDto {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiProperty() dueDate: string;
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
  @ApiProperty({ type: [DashboardPeriodDto], description: '可见范围内有应报报告的调度期，最近的在前' }) periods: DashboardPeriodDto[];
  @ApiProperty({ type: String, nullable: true, description: 'reporting 所示的调度期（尚无调度期时为空）' }) periodId: string | null;
  @ApiProperty({ type: [ReportingRateDto], description: '所示调度期内各单位的报送情况' }) reporting: ReportingRateDto[];
}
