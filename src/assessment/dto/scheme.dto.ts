import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsVersion } from '../../common/validators.js';
import { BASES, CRITERION_TYPES } from '../scheme-rules.js';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const KEY_MESSAGE = '须为小写字母开头的英文标识（字母、数字、下划线，至多 40 个字符）';
const Points = (min = -1000, max = 1000) => [IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: '须为数字（至多两位小数）' }), Min(min), Max(max)];
const apply = (ds: PropertyDecorator[]): PropertyDecorator => (t, k) => ds.forEach((d) => d(t, k));

export class CriterionParamsDto {
  @ApiPropertyOptional({ description: '比率类：比率为 0 时扣的分数（按比例扣分）' }) @IsOptional() @apply(Points(0, 100)) points?: number;
  @ApiPropertyOptional({ description: '计数类：牵头单位每项得分（负数为扣分）' }) @IsOptional() @apply(Points(-100, 100)) lead?: number;
  @ApiPropertyOptional({ description: '计数类：配合单位每项得分（负数为扣分）' }) @IsOptional() @apply(Points(-100, 100)) supporting?: number;
  @ApiPropertyOptional({ description: '否决项：达到此数量即触发' }) @IsOptional() @IsInt() @Min(1) @Max(1000) threshold?: number;
}

export class SchemePartDto {
  @ApiProperty({ example: 'work' }) @IsString() @Matches(KEY, { message: KEY_MESSAGE }) key: string;
  @ApiProperty({ example: '重点任务推进' }) @IsString() @MinLength(2) @MaxLength(60) name: string;
  @ApiProperty({ description: '权重（百分比，各部分合计 100）', example: 60 }) @apply(Points(0, 100)) weight: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '本部分得分下限（默认 0）' }) @IsOptional() @apply(Points()) capMin?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '本部分得分上限（默认总分上限）' }) @IsOptional() @apply(Points()) capMax?: number | null;
}

export class SchemeCriterionDto {
  @ApiProperty({ example: 'overdue' }) @IsString() @Matches(KEY, { message: KEY_MESSAGE }) key: string;
  @ApiProperty({ example: 'work' }) @IsString() @Matches(KEY, { message: KEY_MESSAGE }) partKey: string;
  @ApiProperty({ example: '年末逾期事项' }) @IsString() @MinLength(2) @MaxLength(60) name: string;
  @ApiPropertyOptional({ example: '' }) @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiProperty({ enum: CRITERION_TYPES, description: 'computed 由数据计算；judged 评分（须在区间内）；veto 一票否决' }) @IsIn(CRITERION_TYPES) type: (typeof CRITERION_TYPES)[number];
  @ApiProperty({ enum: BASES, description: '评价依据（领导批示、宣传报道、图片留痕、填表数量不得作为依据）' }) @IsIn(BASES) basis: (typeof BASES)[number];
  @ApiPropertyOptional({ description: '计算类（及按数据触发的否决项）：指标种类，见 GET /assessment-criterion-kinds' }) @IsOptional() @IsString() @MaxLength(40) kind?: string;
  @ApiPropertyOptional({ type: CriterionParamsDto }) @IsOptional() @ValidateNested() @Type(() => CriterionParamsDto) params?: CriterionParamsDto;
  @ApiPropertyOptional({ description: '评分类：最低分' }) @IsOptional() @apply(Points()) rangeMin?: number;
  @ApiPropertyOptional({ description: '评分类：最高分' }) @IsOptional() @apply(Points()) rangeMax?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '本项累计得分下限（如扣分至多 20 分：-20）' }) @IsOptional() @apply(Points()) capMin?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '本项累计得分上限' }) @IsOptional() @apply(Points()) capMax?: number | null;
}

export class GradeBandsDto {
  @ApiProperty({ example: 90, description: '优秀：不低于' }) @apply(Points(0, 1000)) excellent: number;
  @ApiProperty({ example: 80, description: '良好：不低于' }) @apply(Points(0, 1000)) good: number;
  @ApiProperty({ example: 60, description: '合格：不低于' }) @apply(Points(0, 1000)) pass: number;
}

export class SchemeBodyDto {
  @ApiProperty({ example: '2026年度碳达峰工作考核方案' }) @IsString() @MinLength(2) @MaxLength(100) name: string;
  @ApiProperty({ example: 100, description: '基础分' }) @apply(Points(0, 1000)) baseScore: number;
  @ApiProperty({ example: 100, description: '总分上限' }) @apply(Points(1, 1000)) totalCap: number;
  @ApiProperty({ type: [SchemePartDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => SchemePartDto) parts: SchemePartDto[];
  @ApiProperty({ type: [SchemeCriterionDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SchemeCriterionDto) criteria: SchemeCriterionDto[];
  @ApiPropertyOptional({ type: GradeBandsDto, description: '默认 ≥90 优秀、80–90 良好、60–80 合格、<60 不合格' }) @IsOptional() @ValidateNested() @Type(() => GradeBandsDto) bands?: GradeBandsDto;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '优秀等次比例上限（0–1，空为不限）' }) @IsOptional() @IsNumber({ maxDecimalPlaces: 4 }) @Min(0) @Max(1) excellentMaxShare?: number | null;
  @ApiPropertyOptional({ example: 10, description: '申诉期（天），默认 10' }) @IsOptional() @IsInt() @Min(1) @Max(60) appealDays?: number;
}

export class CreateSchemeDto extends SchemeBodyDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class UpdateSchemeDto extends SchemeBodyDto {
  @ApiProperty({ description: '行版本（并发控制）' }) @IsVersion() rowVersion: number;
}

export class CopySchemeDto {
  @ApiProperty({ example: 2025, description: '复制哪一年的方案' }) @IsInt() @Min(2000) @Max(2100) fromYear: number;
  @ApiProperty({ example: 2026, description: '新方案的年度' }) @IsInt() @Min(2000) @Max(2100) toYear: number;
}

export class CriterionKindsQuery {
  @ApiProperty() @IsString() @Matches(/^[0-9a-f-]{36}$/i, { message: '须为 UUID' }) planId: string;
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class SchemeDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() year: number;
  @ApiProperty() name: string;
  @ApiProperty() baseScore: number;
  @ApiProperty() totalCap: number;
  @ApiProperty({ type: [SchemePartDto] }) parts: SchemePartDto[];
  @ApiProperty({ type: [SchemeCriterionDto], description: '计算类附公式（formula）' }) criteria: SchemeCriterionDto[];
  @ApiProperty({ type: GradeBandsDto }) bands: GradeBandsDto;
  @ApiProperty({ type: Number, nullable: true }) excellentMaxShare: number | null;
  @ApiProperty() appealDays: number;
  @ApiProperty() rowVersion: number;
}

export class CriterionKindDto {
  @ApiProperty() kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['rate', 'count'] }) measure: string;
  @ApiProperty({ description: '以示例参数写出的公式' }) formula: string;
  @ApiProperty() available: boolean;
  @ApiProperty({ type: String, nullable: true, description: '不可用的原因' }) unavailableReason: string | null;
}
