import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { Role } from '../../generated/prisma/enums.js';

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
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiProperty({ description: '初始密码；用户首次登录须修改' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: '所依据的行版本；已被他人修改时返回 409 及当前版本' })
  @IsInt()
  @Min(1)
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
