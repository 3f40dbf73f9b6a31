import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';
import { Trimmed } from '../../common/validators.js';

export class ListWorkItemsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional({ description: '重点领域节点' }) @IsOptional() @IsUUID() areaId?: string;
  @ApiPropertyOptional({ description: '责任单位（牵头或配合）' }) @IsOptional() @IsUUID() unitId?: string;

  @ApiPropertyOptional({ enum: ['lead', 'supporting'], description: '与 unitId 同用：只看牵头或只看配合' })
  @IsOptional()
  @IsIn(['lead', 'supporting'])
  role?: 'lead' | 'supporting';

  @ApiPropertyOptional({ description: '期限所在年份' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  deadlineYear?: number;

  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red', 'none'], description: '红黄绿灯；none：暂无数据' })
  @IsOptional()
  @IsIn(['green', 'yellow', 'red', 'none'])
  light?: 'green' | 'yellow' | 'red' | 'none';

  @ApiPropertyOptional({ description: '工作内容包含' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class AssignmentDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['lead', 'supporting'] }) role: string;
  @ApiProperty() principal: boolean;
  @ApiProperty({ enum: ['table', 'implicit', 'fanout'] }) source: string;
  @ApiProperty({ type: String, nullable: true }) viaUnitName: string | null;
  @ApiProperty({ type: String, nullable: true }) cellText: string | null;
}

export class EndedAssignmentDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['lead', 'supporting'] }) role: string;
  @ApiProperty({ description: '任务分工表更新后不再列出该单位的时间（其报告保留）' }) endedAt: string;
}

export class TargetDto {
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty() comparator: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: Number, nullable: true }) baselineYear: number | null;
  @ApiProperty({ type: String, nullable: true }) firmness: string | null;
  @ApiProperty() text: string;
}

export class DeadlineDto {
  @ApiProperty({ enum: ['dated', 'period', 'recurring', 'ongoing', 'soft', 'superior'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) date: string | null;
  @ApiProperty({ type: String, nullable: true }) periodStart: string | null;
  @ApiProperty() before: boolean;
  @ApiProperty() basis: string;
  @ApiProperty() text: string;
}

class AreaRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
  @ApiProperty() title: string;
}

class MeasureRefDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
}

export class WorkItemDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty({ example: '8' }) seq: string;
  @ApiProperty({ example: 2 }) itemNo: number;
  @ApiProperty({ type: AreaRefDto, nullable: true }) area: AreaRefDto | null;
  @ApiProperty({ type: MeasureRefDto, nullable: true }) measure: MeasureRefDto | null;
  @ApiProperty() text: string;
  @ApiProperty() unassigned: boolean;
  @ApiProperty({ type: [AssignmentDto] }) assignments: AssignmentDto[];
  @ApiProperty({ type: [EndedAssignmentDto] }) endedAssignments: EndedAssignmentDto[];
  @ApiProperty({ type: [TargetDto] }) targets: TargetDto[];
  @ApiProperty({ type: [DeadlineDto] }) deadlines: DeadlineDto[];
  @ApiProperty({ enum: ['green', 'yellow', 'red'], nullable: true }) light: string | null;
  @ApiProperty({ description: '灯色原因', type: 'array', items: { type: 'object' } }) lightReasons: unknown[];
  @ApiProperty({ type: String, nullable: true, description: '已批准延期至' }) extendedTo: string | null;
}

export class WorkItemPageDto {
  @ApiProperty({ type: [WorkItemDto] }) items: WorkItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
