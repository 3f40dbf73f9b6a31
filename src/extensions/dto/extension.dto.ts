import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, IsVersion } from '../../common/validators.js';

export class RequestExtensionDto {
  @ApiProperty({ description: '延期理由' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: '2026-06-30', description: '申请延至' })
  @IsCalendarDate()
  requestedDate: string;
}

export class DecideExtensionDto {
  @ApiProperty()
  @IsVersion()
  version: number;

  @ApiPropertyOptional({ description: '批复意见（驳回时必填）' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason?: string;
}

export class ListExtensionsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;

  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: 'pending' | 'approved' | 'rejected';
}
