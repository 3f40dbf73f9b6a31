import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../generated/prisma/enums.js';
import { IsVersion } from '../../common/validators.js';

export class CreateUserDto {
  @ApiProperty({ example: 'xingqing2' })
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, { message: '用户名只能包含小写字母、数字、点、下划线和连字符' })
  username: string;

  @ApiProperty({ example: '兴庆区填报员' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  displayName: string;

  @ApiProperty()
  @IsUUID()
  unitId: string;

  @ApiProperty({ enum: Role, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiProperty({ description: '初始密码；用户首次登录须修改' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: '所依据的行版本；已被他人修改时返回 409 及当前版本' })
  @IsVersion()
  rowVersion: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  displayName?: string;

  @ApiPropertyOptional({ enum: Role, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ description: '临时密码；用户下次登录须修改' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class ProvisionAccountsDto {
  @ApiPropertyOptional({ enum: ['unit_reporter', 'unit_head'], isArray: true, default: ['unit_reporter', 'unit_head'], description: '为每个单位开设的角色' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['unit_reporter', 'unit_head'], { each: true })
  roles?: ('unit_reporter' | 'unit_head')[];
}

export class ProvisionedAccountDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['unit_reporter', 'unit_head'] }) role: string;
  @ApiPropertyOptional({ description: '一次性初始密码，只在本次返回中出现；首次登录须修改' }) password?: string;
}

export class ProvisionResultDto {
  @ApiProperty({ type: [ProvisionedAccountDto] }) created: ProvisionedAccountDto[];
  @ApiProperty({ type: [ProvisionedAccountDto], description: '已有该角色账号的单位（未改动）' }) existing: ProvisionedAccountDto[];
}
