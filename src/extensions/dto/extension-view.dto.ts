import { ApiProperty } from '@nestjs/swagger';

class ExtensionItemRefDto {
  @ApiProperty() seq: string;
  @ApiProperty() itemNo: number;
  @ApiProperty() text: string;
}

export class ExtensionDto {
  @ApiProperty() id: string;
  @ApiProperty() workItemId: string;
  @ApiProperty({ type: ExtensionItemRefDto }) workItem: ExtensionItemRefDto;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: '原完成时限' }) originalDate: string;
  @ApiProperty({ description: '申请延至' }) requestedDate: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}
