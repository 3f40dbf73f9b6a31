import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';

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

  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red'], description: '红黄绿灯' })
  @IsOptional()
  @IsIn(['green', 'yellow', 'red'])
  light?: 'green' | 'yellow' | 'red';

  @ApiPropertyOptional({ description: '工作内容包含' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;
}

export class AssignmentDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['lead', 'supporting'] }) role: string;
  @ApiProperty() principal: boolean;
  @ApiProperty({ enum: ['table', 'implicit', 'fanout'] }) source: string;
  @ApiPropertyOptional({ nullable: true }) viaUnitName: string | null;
  @ApiPropertyOptional({ nullable: true }) cellText: string | null;
}

export class TargetDto {
  @ApiPropertyOptional({ nullable: true }) year: number | null;
  @ApiProperty() comparator: string;
  @ApiPropertyOptional({ nullable: true }) value: number | null;
  @ApiPropertyOptional({ nullable: true }) unit: string | null;
  @ApiPropertyOptional({ nullable: true }) baselineYear: number | null;
  @ApiPropertyOptional({ nullable: true }) firmness: string | null;
  @ApiProperty() text: string;
}

export class DeadlineDto {
  @ApiProperty({ enum: ['dated', 'period', 'recurring', 'ongoing', 'soft'] }) kind: string;
  @ApiPropertyOptional({ nullable: true }) date: string | null;
  @ApiPropertyOptional({ nullable: true }) periodStart: string | null;
  @ApiProperty() before: boolean;
  @ApiProperty() basis: string;
  @ApiProperty() text: string;
}

export class WorkItemDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty({ example: '8' }) seq: string;
  @ApiProperty({ example: 2 }) itemNo: number;
  @ApiPropertyOptional({ nullable: true }) area: { id: string; label: string | null; title: string } | null;
  @ApiPropertyOptional({ nullable: true }) measure: { id: string; title: string } | null;
  @ApiProperty() text: string;
  @ApiProperty() unassigned: boolean;
  @ApiProperty({ type: [AssignmentDto] }) assignments: AssignmentDto[];
  @ApiProperty({ type: [TargetDto] }) targets: TargetDto[];
  @ApiProperty({ type: [DeadlineDto] }) deadlines: DeadlineDto[];
  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red'], nullable: true }) light: string | null;
  @ApiProperty({ description: '灯色原因' }) lightReasons: unknown[];
  @ApiPropertyOptional({ nullable: true, description: '已批准延期至' }) extendedTo: string | null;
}
