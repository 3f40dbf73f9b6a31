import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional() error?: string;
}

class ReplicaCheckDto extends CheckDto {
  @ApiPropertyOptional({ description: '只读副本回放落后主库的秒数（副本已回放完收到的全部日志时为 0）' }) lagSeconds?: number;
}

class ChecksDto {
  @ApiProperty({ type: CheckDto }) postgres: CheckDto;
  @ApiProperty({ type: CheckDto }) redis: CheckDto;
  @ApiPropertyOptional({ type: ReplicaCheckDto, description: '只读副本（配置了 DATABASE_READ_URL 时）；无法访问或落后过多时看板与台账改由主库读取，不影响就绪状态' }) replica?: ReplicaCheckDto;
}

class OutboxStatsDto {
  @ApiProperty({ description: '待送达的领域事件' }) pending: number;
  @ApiProperty({ description: '多次失败后停止重试的事件' }) dead: number;
  @ApiProperty({ type: String, nullable: true }) oldestPendingAt: string | null;
}

class NotificationStatsDto {
  @ApiProperty({ description: '待发送的提醒消息（邮件、群机器人）' }) pending: number;
  @ApiProperty({ description: '多次失败转入死信、待办公室处理的提醒消息' }) dead: number;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: string;
  @ApiProperty({ type: ChecksDto }) checks: ChecksDto;
  @ApiPropertyOptional({ type: OutboxStatsDto }) outbox?: OutboxStatsDto;
  @ApiPropertyOptional({ type: NotificationStatsDto }) notifications?: NotificationStatsDto;
}
