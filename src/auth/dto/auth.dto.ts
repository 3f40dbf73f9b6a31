import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'office' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ description: '至少 10 位，包含大写、小写、数字、符号中的三类' })
  @IsString()
  @MaxLength(128)
  newPassword: string;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ description: '已停用' }) disabled: boolean;
  @ApiProperty() rowVersion: number;
}

export class TokensDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class MeDto {
  @ApiProperty() userId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: [String], enum: ['system_admin', 'office_admin', 'leader', 'unit_head', 'unit_reporter', 'evaluator'] }) roles: string[];
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ description: '办公室、领导、评估人员可见全部方案；单位用户只见本单位及下级' }) planWide: boolean;
}
