import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional() error?: string;
}

class ChecksDto {
  @ApiProperty({ type: CheckDto }) postgres: CheckDto;
  @ApiProperty({ type: CheckDto }) redis: CheckDto;
}

class OutboxStatsDto {
  @ApiProperty({ description: '待送达的领域事件' }) pending: number;
  @ApiProperty({ description: '多次失败后停止重试的事件' }) dead: number;
  @ApiProperty({ type: String, nullable: true }) oldestPendingAt: string | null;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: string;
  @ApiProperty({ type: ChecksDto }) checks: ChecksDto;
  @ApiPropertyOptional({ type: OutboxStatsDto }) outbox?: OutboxStatsDto;
}
