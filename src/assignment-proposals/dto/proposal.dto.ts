import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsVersion } from '../../common/validators.js';

export class DecideProposalDto {
  @ApiProperty({ description: '所依据的版本号' })
  @IsVersion()
  version: number;

  @ApiPropertyOptional({ description: '说明（不采纳时必填）' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason?: string;
}

export class ListProposalsQuery {
  @ApiPropertyOptional({ enum: ['open', 'accepted', 'rejected'] })
  @IsOptional()
  @IsIn(['open', 'accepted', 'rejected'])
  status?: 'open' | 'accepted' | 'rejected';
}

class ProposalItemRefDto {
  @ApiProperty() seq: string;
  @ApiProperty() itemNo: number;
  @ApiProperty() text: string;
}

export class ProposalDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() workItemId: string;
  @ApiProperty({ type: ProposalItemRefDto }) workItem: ProposalItemRefDto;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['lead', 'supporting'] }) role: string;
  @ApiProperty({ enum: ['remove', 'to_supporting', 'to_lead', 'transfer', 'comment'] }) kind: string;
  @ApiProperty() kindName: string;
  @ApiProperty({ description: '审阅意见原文' }) remark: string;
  @ApiProperty({ type: String, nullable: true }) transferTo: string | null;
  @ApiProperty({ enum: ['open', 'accepted', 'rejected'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}
