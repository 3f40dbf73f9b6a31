import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsVersion, QueryBoolean, Trimmed } from '../../common/validators.js';

const LIMIT = 1e13;
const NUMBER = { message: '须为数值（如 512 或 19.6），最多 4 位小数' };

export class CreateIndicatorDto {
  @ApiProperty({ example: '新能源发电装机容量' })
  @Trimmed()
  @IsString()
  @MinLength(2, { message: '至少 2 个字' })
  @MaxLength(100, { message: '不能超过 100 个字' })
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['新能源发电装机规模'], description: '同义名称（用于从目标文字中建议关联）' })
  @IsOptional()
  @Trimmed()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(2, { each: true, message: '每个同义名称至少 2 个字' })
  @MaxLength(100, { each: true })
  synonyms?: string[];

  @ApiPropertyOptional({ example: '万千瓦' }) @IsOptional() @Trimmed() @IsString() @MaxLength(30) unit?: string;

  @ApiProperty({ enum: ['higher', 'lower'], description: 'higher：越大越好（装机、占比）；lower：越小越好（能耗、排放）' })
  @IsIn(['higher', 'lower'], { message: '须为 higher（越大越好）或 lower（越小越好）' })
  direction: 'higher' | 'lower';
}

export class UpdateIndicatorDto {
  @ApiPropertyOptional({ type: [String], description: '同义名称（整体替换）' })
  @IsOptional()
  @Trimmed()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(2, { each: true, message: '每个同义名称至少 2 个字' })
  @MaxLength(100, { each: true })
  synonyms?: string[];

  @ApiPropertyOptional({ example: '万千瓦' }) @IsOptional() @Trimmed() @IsString() @MaxLength(30) unit?: string;

  @ApiPropertyOptional({ enum: ['higher', 'lower'] })
  @IsOptional()
  @IsIn(['higher', 'lower'], { message: '须为 higher（越大越好）或 lower（越小越好）' })
  direction?: 'higher' | 'lower';
}

export class LinkTargetDto {
  @ApiProperty() @IsUUID('all', { message: '须为指标编号（UUID）' }) indicatorId: string;

  @ApiPropertyOptional({ description: '上级下达的目标值（「完成自治区下达目标」类目标）' })
  @IsOptional()
  @Min(-LIMIT)
  @Max(LIMIT)
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false }, NUMBER)
  assignedValue?: number;

  @ApiPropertyOptional({ description: '「比某年下降X%」的基数（未录入该年核实实际值时使用）' })
  @IsOptional()
  @Min(-LIMIT)
  @Max(LIMIT)
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false }, NUMBER)
  baselineValue?: number;
}

const SOURCES = ['statistics', 'self_reported', 'estimate'] as const;

export class RecordActualDto {
  @ApiProperty({ example: 2026 })
  @IsInt({ message: '须为整数年份' })
  @Min(1990, { message: '不能早于 1990 年' })
  @Max(2100, { message: '不能晚于 2100 年' })
  year: number;

  @ApiProperty({ example: 512 })
  @Min(-LIMIT, { message: `不能小于 ${-LIMIT}` })
  @Max(LIMIT, { message: `不能大于 ${LIMIT}` })
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false }, NUMBER)
  value: number;

  @ApiProperty({ enum: SOURCES, description: 'statistics 统计部门 / self_reported 单位自报 / estimate 估算' })
  @IsIn(SOURCES, { message: '须为 statistics（统计部门）、self_reported（单位自报）或 estimate（估算）' })
  source: (typeof SOURCES)[number];

  @ApiPropertyOptional({ description: '哪个单位的数值（仅领导小组办公室可指定；默认本单位，办公室默认方案所辖地区）' })
  @IsOptional()
  @IsUUID('all', { message: '须为单位编号（UUID）' })
  unitId?: string;

  @ApiPropertyOptional({ description: '说明或数据出处' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class VerifyActualDto {
  @ApiProperty() @IsVersion() version: number;

  @ApiProperty({ enum: ['verified', 'disputed'] })
  @IsIn(['verified', 'disputed'], { message: '须为 verified（已核实）或 disputed（有争议）' })
  verification: 'verified' | 'disputed';

  @ApiPropertyOptional({ description: '有争议时必填' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class EvaluationQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: '须为整数年份' })
  @Min(1990)
  @Max(2100)
  year: number;
}

export class ActualsImportQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true：只校验并返回逐行报告，不写入', default: true })
  @IsOptional()
  @QueryBoolean()
  dryRun = true;
}
