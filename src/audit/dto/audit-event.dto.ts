import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class AuditActorDto {
  @ApiProperty({ type: String, nullable: true, description: '调用者无权查看该账号时为空' }) id: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
}

export class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor: AuditActorDto | null;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) before: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) after: unknown;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) clientIp: string | null;
}

class BrokenLinkDto {
  @ApiProperty() id: string;
  @ApiProperty() reason: string;
}

export class AuditVerifyDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() events: number;
  @ApiPropertyOptional({ description: '已提交、尚未链入审计链的记录（数秒内链入）' }) pending?: number;
  @ApiPropertyOptional({ type: BrokenLinkDto }) firstBroken?: BrokenLinkDto;
}

export class AuditCheckpointDto {
  @ApiProperty({ description: '最后一条事件的编号' }) lastId: string;
  @ApiProperty() hash: string;
  @ApiProperty() at: string;
  @ApiProperty({ description: '以审计密钥签名，可在数据库之外保存' }) signature: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
