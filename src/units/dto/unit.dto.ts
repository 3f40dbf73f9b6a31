import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { UnitKind, UnitLevel } from '../../generated/prisma/enums.js';
import { PageQuery } from '../../common/pagination.js';
import { IsVersion, Trimmed } from '../../common/validators.js';

export class UnitDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '市发改委' }) name: string;
  @ApiProperty({ enum: UnitKind }) kind: UnitKind;
  @ApiProperty({ enum: UnitLevel, nullable: true }) level: UnitLevel | null;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty({ type: [String], example: ['发改委', '银川市发展和改革委员会'] }) aliases: string[];
  @ApiProperty({ enum: UnitKind, nullable: true, description: '集合单位（如各县(市)区人民政府）代表的成员类型' })
  memberKind: UnitKind | null;
  @ApiProperty() rowVersion: number;
}

export class CreateUnitDto {
  @ApiProperty({ example: '市发改委' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: UnitKind })
  @IsEnum(UnitKind)
  kind: UnitKind;

  @ApiPropertyOptional({ enum: UnitLevel })
  @IsOptional()
  @IsEnum(UnitLevel)
  level?: UnitLevel;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Trimmed()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ enum: UnitKind })
  @IsOptional()
  @IsEnum(UnitKind)
  memberKind?: UnitKind;
}

export class UpdateUnitDto {
  @ApiProperty({ description: '所依据的行版本；已被他人修改时返回 409 及当前版本' })
  @IsVersion()
  rowVersion: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Trimmed()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class ListUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '名称或别名包含' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Trimmed()
  q?: string;

  @ApiPropertyOptional({ enum: UnitKind })
  @IsOptional()
  @IsEnum(UnitKind)
  kind?: UnitKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitDto] }) items: UnitDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
