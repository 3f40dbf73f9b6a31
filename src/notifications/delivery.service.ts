import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { JobName } from '../jobs/job-names.js';
import { JobsService } from '../jobs/jobs.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { EmailSender } from './channels/email.sender.js';
import { WebhookSender } from './channels/webhook.sender.js';

/** Nothing leaves between 20:00 and 08:00 Beijing time (the 2024 rules against formalism: no late-night chasing). */
export const QUIET_FROM_HOUR = 20;
export const QUIET_UNTIL_HOUR = 8;
const CLAIM_SECONDS = 120;

export function beijingHour(instant: Date): number {
  return (instant.getUTCHours() + 8) % 24;
}

export function isQuietHour(instant: Date): boolean {
  const h = beijingHour(instant);
  return h >= QUIET_FROM_HOUR || h < QUIET_UNTIL_HOUR;
}

type Claimed = { id: string; channel: 'email' | 'wecom' | 'dingtalk'; target: string; subject: string; body: string; attempts: number };

/**
 * Sends one delivery on its channel. The row is claimed in the database before sending (status pending and
 * not claimed by another worker), so two workers or two instances holding a job for the same delivery never
 * both send it; a sent row is never sent again. Every try is recorded; after NOTIFY_MAX_ATTEMPTS the row
 * is parked as a dead letter for the office to see and retry. Each channel is its own row: one failing
 * robot never holds back an email.
 */
@Injectable()
export class DeliveryService implements OnModuleInit {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly prisma: PrismaService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly email: EmailSender,
    private readonly webhooks: WebhookSender,
  ) {}

  onModuleInit() {
    this.jobs.register(JobName.NotificationDeliver, (data) => this.deliver(data.deliveryId));
    this.jobs.register(JobName.NotificationSweep, () => this.sweep());
  }

  /**
   * Queues deliveries. The job id names the delivery, its claims and its recorded tries: queueing the same
   * state twice (two instances, a second scan) is a no-op, while a delivery whose state moved on (a crash
   * after the claim, an office retry) gets a new job even if BullMQ still remembers the old one.
   */
  async enqueue(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    // With Redis down BullMQ waits for it: the rows are safe in the database and the sweep queues them later,
    // so a scan or a retry answers instead of hanging.
    const queued = this.queue(ids);
    queued.catch(() => undefined);
    const late = await Promise.race([queued.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 3000).unref())]);
    if (late) this.logger.warn(`Redis 未响应：${ids.length} 条消息已记入数据库，恢复后由补排任务发送`);
  }

  private async queue(ids: string[]): Promise<void> {
    const rows = await this.prisma.notificationDelivery.findMany({
      where: { id: { in: ids }, status: 'pending' },
      select: { id: true, attempts: true, _count: { select: { attemptLog: true } } },
    });
    for (const r of rows) {
      await this.jobs.enqueue(JobName.NotificationDeliver, { deliveryId: r.id }, `deliver-${r.id}-${r.attempts}-${r._count.attemptLog}`, {
        attempts: this.config.NOTIFY_MAX_ATTEMPTS,
        delayMs: this.config.NOTIFY_RETRY_DELAY_MS,
      });
    }
  }

  /** Re-queues pending deliveries nobody holds and nobody tried lately (a crash, an emptied Redis). */
  async sweep(): Promise<number> {
    if (isQuietHour(this.clock.now())) return 0;
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT d.id::text FROM notification_deliveries d
      WHERE d.status = 'pending' AND (d.locked_until IS NULL OR d.locked_until < now()) AND d.created_at < now() - interval '30 seconds'
        AND NOT EXISTS (SELECT 1 FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.at > now() - make_interval(secs => ${Math.ceil(this.config.NOTIFY_RETRY_DELAY_MS / 1000) * 2 ** 4}))
      ORDER BY d.created_at LIMIT 1000`;
    await this.enqueue(rows.map((r) => r.id));
    return rows.length;
  }

  /** One try. Throws (so the queue retries with backoff) only while tries are left. */
  async deliver(id: string): Promise<'sent' | 'skipped' | 'quiet' | 'dead'> {
    if (isQuietHour(this.clock.now())) return 'quiet';
    const [row] = await this.prisma.$queryRaw<Claimed[]>`
      UPDATE notification_deliveries SET locked_until = now() + make_interval(secs => ${CLAIM_SECONDS}), attempts = attempts + 1
      WHERE id = ${id}::uuid AND status = 'pending' AND (locked_until IS NULL OR locked_until < now())
      RETURNING id::text, channel::text AS channel, target::text, subject, body, attempts`;
    if (!row) return 'skipped';
    try {
      await this.send(row);
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
      const dead = row.attempts >= this.config.NOTIFY_MAX_ATTEMPTS;
      await this.prisma.$transaction([
        this.prisma.deliveryAttempt.create({ data: { deliveryId: id, attempt: row.attempts, ok: false, error: message } }),
        this.prisma.notificationDelivery.update({ where: { id }, data: { lockedUntil: null, lastError: message, ...(dead ? { status: 'dead', deadAt: new Date() } : {}) } }),
      ]);
      this.logger.warn(`消息发送失败（${row.channel}，第 ${row.attempts} 次${dead ? '，已转入死信' : '，稍后重试'}）：${message}`);
      if (dead) return 'dead';
      throw new Error(message);
    }
    await this.prisma.$transaction([
      this.prisma.deliveryAttempt.create({ data: { deliveryId: id, attempt: row.attempts, ok: true } }),
      this.prisma.notificationDelivery.update({ where: { id }, data: { status: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null } }),
    ]);
    return 'sent';
  }

  private async send(row: Claimed): Promise<void> {
    if (row.channel === 'email') {
      const s = await this.prisma.userNotificationSettings.findUnique({ where: { userId: row.target } });
      if (!s?.email) throw new Error('收件人未设置邮箱');
      await this.email.send({ to: s.email, subject: row.subject, text: row.body, messageId: `<${row.id}@carbon-peaking-tracker>` });
      return;
    }
    const s = await this.prisma.unitChannelSettings.findUnique({ where: { unitId: row.target } });
    if (row.channel === 'wecom') {
      if (!s?.wecomWebhook) throw new Error('单位未配置企业微信机器人');
      await this.webhooks.sendWecom(s.wecomWebhook, row.body);
    } else {
      if (!s?.dingtalkWebhook) throw new Error('单位未配置钉钉机器人');
      await this.webhooks.sendDingtalk(s.dingtalkWebhook, s.dingtalkSecret, row.body);
    }
  }

  /** Backlog and dead letters, for readiness. */
  async stats(): Promise<{ pending: number; dead: number }> {
    const [row] = await this.prisma.$queryRaw<{ pending: bigint; dead: bigint }[]>`
      SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'dead') AS dead
      FROM notification_deliveries WHERE status <> 'sent'`;
    return { pending: Number(row.pending), dead: Number(row.dead) };
  }
}
