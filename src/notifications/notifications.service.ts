import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { isoDay } from '../common/dates.js';
import { notFound } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import type { Notification, NotificationDelivery } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { DeliveryService } from './delivery.service.js';
import type {
  DeliveryDto,
  ListDeliveriesQuery,
  ListNotificationsQuery,
  MySettingsDto,
  NotificationDto,
  UnitChannelsDto,
  UpdateMySettingsDto,
  UpdateUnitChannelsDto,
} from './dto/notification.dto.js';

const toView = (n: Notification): NotificationDto => ({
  id: n.id,
  rule: n.rule,
  title: n.title,
  body: n.body,
  planId: n.planId,
  unitId: n.unitId,
  day: isoDay(n.day),
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

const toDeliveryView = (d: NotificationDelivery): DeliveryDto => ({
  id: d.id,
  channel: d.channel,
  target: d.target,
  day: isoDay(d.day),
  status: d.status,
  subject: d.subject,
  attempts: d.attempts,
  lastError: d.lastError,
  sentAt: d.sentAt?.toISOString() ?? null,
  deadAt: d.deadAt?.toISOString() ?? null,
});

/** The in-app inbox (a user sees only their own), personal email settings, units' robots and dead letters. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
    private readonly deliveries: DeliveryService,
  ) {}

  async list(p: Principal, q: ListNotificationsQuery): Promise<Page<NotificationDto> & { unread: number }> {
    const where = { recipientId: p.userId, ...(q.unread ? { readAt: null } : {}) };
    const [rows, total, unread] = await Promise.all([
      this.prisma.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      this.prisma.notification.count({ where }),
      this.prisma.notification.count({ where: { recipientId: p.userId, readAt: null } }),
    ]);
    return { items: rows.map(toView), total, page: q.page, pageSize: q.pageSize, unread };
  }

  async unreadCount(p: Principal) {
    return { unread: await this.prisma.notification.count({ where: { recipientId: p.userId, readAt: null } }) };
  }

  /** Another user's notification is missing, exactly like one that does not exist. */
  async markRead(p: Principal, id: string): Promise<NotificationDto> {
    const row = await this.prisma.notification.findFirst({ where: { id, recipientId: p.userId } });
    if (!row) throw notFound('消息', 'NOTIFICATION.NOT_FOUND');
    if (row.readAt) return toView(row);
    return toView(await this.prisma.notification.update({ where: { id }, data: { readAt: new Date() } }));
  }

  async markAllRead(p: Principal) {
    const { count } = await this.prisma.notification.updateMany({ where: { recipientId: p.userId, readAt: null }, data: { readAt: new Date() } });
    return { marked: count };
  }

  async mySettings(p: Principal): Promise<MySettingsDto> {
    const s = await this.prisma.userNotificationSettings.findUnique({ where: { userId: p.userId } });
    return { email: s?.email ?? null, emailOptOut: s?.emailOptOut ?? false };
  }

  async updateMySettings(p: Principal, dto: UpdateMySettingsDto): Promise<MySettingsDto> {
    const data = { ...(dto.email !== undefined ? { email: dto.email } : {}), ...(dto.emailOptOut !== undefined ? { emailOptOut: dto.emailOptOut } : {}) };
    const s = await this.prisma.userNotificationSettings.upsert({ where: { userId: p.userId }, create: { userId: p.userId, ...data }, update: data });
    return { email: s.email, emailOptOut: s.emailOptOut };
  }

  async unitChannels(unitId: string): Promise<UnitChannelsDto> {
    if (!(await this.prisma.unit.findUnique({ where: { id: unitId }, select: { id: true } }))) throw notFound('单位', 'UNIT.NOT_FOUND');
    const s = await this.prisma.unitChannelSettings.findUnique({ where: { unitId } });
    return { unitId, wecomConfigured: Boolean(s?.wecomWebhook), dingtalkConfigured: Boolean(s?.dingtalkWebhook), dingtalkSigned: Boolean(s?.dingtalkSecret) };
  }

  /** Write-only secrets: the audit records which channel changed, never the URL or the secret. */
  async updateUnitChannels(p: Principal, unitId: string, dto: UpdateUnitChannelsDto): Promise<UnitChannelsDto> {
    const before = await this.unitChannels(unitId);
    const data = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    await this.workflow.transaction(async (w) => {
      await w.tx.unitChannelSettings.upsert({ where: { unitId }, create: { unitId, ...data }, update: data });
      await w.audit([{ action: 'unit.channels_set', entityType: 'Unit', entityId: unitId, before, after: { changed: Object.keys(data), by: p.username } }]);
    });
    return this.unitChannels(unitId);
  }

  async listDeliveries(q: ListDeliveriesQuery): Promise<Page<DeliveryDto>> {
    const where = q.status ? { status: q.status } : {};
    const [rows, total] = await Promise.all([
      this.prisma.notificationDelivery.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      this.prisma.notificationDelivery.count({ where }),
    ]);
    return { items: rows.map(toDeliveryView), total, page: q.page, pageSize: q.pageSize };
  }

  /** Puts a dead letter back in line with fresh tries; a delivery that is not dead is left as it is. */
  async retry(p: Principal, id: string): Promise<DeliveryDto> {
    const row = await this.prisma.notificationDelivery.findUnique({ where: { id } });
    if (!row) throw notFound('消息投递', 'DELIVERY.NOT_FOUND');
    if (row.status === 'dead') {
      await this.workflow.transaction(async (w) => {
        await w.tx.notificationDelivery.update({ where: { id }, data: { status: 'pending', attempts: 0, deadAt: null, lockedUntil: null } });
        await w.audit([{ action: 'delivery.retried', entityType: 'NotificationDelivery', entityId: id, before: { status: 'dead', attempts: row.attempts, lastError: row.lastError }, after: { status: 'pending', by: p.username } }]);
      });
      await this.deliveries.enqueue([id]);
    }
    return toDeliveryView(await this.prisma.notificationDelivery.findUniqueOrThrow({ where: { id } }));
  }
}
