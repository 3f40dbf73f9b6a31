import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

export class RequestExtensionDto {
  @ApiProperty({ description: '延期理由' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: '2026-06-30', description: '申请延至' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'requestedDate 应为 YYYY-MM-DD' })
  requestedDate: string;
}

export class DecideExtensionDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
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
