import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { sanitize } from '../../common/sanitize.pipe.js';
import { Trimmed } from '../../common/validators.js';
import { UnitKind } from '../../generated/prisma/enums.js';

/** What the office decides for one unknown name of the dry run (`summary.unknownUnits[].name`). */
export class UnitDecisionDto {
  @ApiProperty({ description: '试导入报告中未识别的名称' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ['alias', 'create', 'not_unit', 'skip'], description: 'alias：作为已有单位的别名；create：新建单位；not_unit：不是单位；skip：暂不处理' })
  @IsIn(['alias', 'create', 'not_unit', 'skip'])
  action: 'alias' | 'create' | 'not_unit' | 'skip';

  @ApiPropertyOptional({ description: 'alias：哪个单位（本方案所属地区及其上级的单位）' })
  @IsOptional()
  @IsUUID()
  aliasOf?: string;

  @ApiPropertyOptional({ description: 'create：单位名称（默认为报告中的名称）' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  unitName?: string;

  @ApiPropertyOptional({ enum: UnitKind, description: 'create：单位类型（默认为系统推断）' })
  @IsOptional()
  @IsEnum(UnitKind)
  kind?: UnitKind;

  @ApiPropertyOptional({ description: 'create：上级单位（默认为系统推断，或方案所属地区）' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: UnitKind, description: 'create：集合单位代表的成员类型' })
  @IsOptional()
  @IsEnum(UnitKind)
  memberKind?: UnitKind;
}

export class OnboardingDto {
  @ApiPropertyOptional({ description: 'true：未逐项决定的名称一律按系统建议处理（需选择的除外）' })
  @IsOptional()
  @IsBoolean()
  acceptAll?: boolean;

  @ApiPropertyOptional({ type: [UnitDecisionDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => UnitDecisionDto)
  @ArrayMaxSize(2000)
  decisions?: UnitDecisionDto[];
}

/** The multipart fields besides the file. */
export class ImportBodyDto {
  @ApiPropertyOptional({ type: OnboardingDto, description: 'JSON：提交时一并新建单位、添加别名或标记非单位（同一事务）' })
  @IsOptional()
  // Multipart fields arrive as text: parsed here into the DTO (an explicit Transform replaces @Type's own
  // conversion); a field that is not a JSON object stays text and is refused by the validator below.
  @Transform(({ value }) => {
    let parsed: unknown = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch {
        return value;
      }
      // Refuses hostile nesting before plainToInstance recurses on it, and cleans the strings inside.
      parsed = sanitize(parsed, 'onboarding');
    }
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? plainToInstance(OnboardingDto, parsed) : value;
  })
  @IsObject({ message: '须为 JSON 对象，如 {"acceptAll":true}' })
  @ValidateNested()
  onboarding?: OnboardingDto;
}
