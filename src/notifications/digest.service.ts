import { Injectable } from '@nestjs/common';
import { dayToDate, isoDay } from '../common/dates.js';
import type { NotificationChannel } from '../generated/prisma/enums.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { addDays } from '../reminders/working-calendar.js';
import { EmailSender } from './channels/email.sender.js';
import { digestText, emailSubject, robotSubject, type DigestLine } from './digest-template.js';

/** How far back a digest picks up notifications no digest of its channel has carried yet. */
const CATCH_UP_DAYS = 7;

type Candidate = {
  id: string;
  rule: string;
  subject_key: string;
  occurrence: string;
  title: string;
  body: string;
  recipient_id: string;
  recipient_unit: string;
  display_name: string;
  plan_title: string | null;
  unit_name: string | null;
};

/**
 * Turns the day's notifications into at most one message per channel and target: an email per user (with an
 * address and not opted out), a robot message per unit with a robot. The unique key (channel, target, day)
 * makes a second build (a second scan, a second instance) a no-op; a notification no digest of its channel
 * has carried yet (written after that day's digest) rides in the next day's.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly email: EmailSender,
  ) {}

  /** Writes the day's deliveries that do not exist yet; returns the ids of the day's pending deliveries. */
  async build(day: string): Promise<string[]> {
    const from = dayToDate(addDays(day, -CATCH_UP_DAYS + 1));
    const to = dayToDate(day);
    const candidates = await this.prisma.$queryRaw<Candidate[]>`
      SELECT n.id::text, n.rule, n.subject_key, n.occurrence, n.title, n.body, n.recipient_id::text, u.unit_id::text AS recipient_unit,
             u.display_name, p.title AS plan_title, un.name AS unit_name
      FROM notifications n JOIN users u ON u.id = n.recipient_id
      LEFT JOIN plans p ON p.id = n.plan_id LEFT JOIN units un ON un.id = n.unit_id
      WHERE n.day BETWEEN ${from} AND ${to} AND NOT u.disabled
      ORDER BY p.title, un.name, n.rule, n.created_at, n.id`;
    if (candidates.length === 0) return [];
    const carried = await this.prisma.notificationDelivery.findMany({ where: { day: { gte: from, lte: to } }, select: { channel: true, target: true, notificationIds: true } });
    const done = new Set(carried.flatMap((d) => d.notificationIds.map((id) => `${d.channel}:${d.target}:${id}`)));
    const fresh = (channel: NotificationChannel, target: string, list: Candidate[]) => list.filter((c) => !done.has(`${channel}:${target}:${c.id}`));
    const line = (c: Candidate): DigestLine => ({ planTitle: c.plan_title, unitName: c.unit_name, title: c.title, body: c.body });
    const rows: { channel: NotificationChannel; target: string; day: Date; subject: string; body: string; notificationIds: string[] }[] = [];

    if (this.email.configured) {
      const byUser = groupBy(candidates, (c) => c.recipient_id);
      const settings = await this.prisma.userNotificationSettings.findMany({ where: { userId: { in: [...byUser.keys()] }, email: { not: null }, emailOptOut: false } });
      for (const s of settings) {
        const list = fresh('email', s.userId, byUser.get(s.userId)!);
        if (list.length === 0) continue;
        rows.push({ channel: 'email', target: s.userId, day: to, subject: emailSubject(list.length, day), body: digestText(`${list[0].display_name}，您好：`, day, list.map(line)), notificationIds: list.map((c) => c.id) });
      }
    }

    const byUnit = groupBy(candidates, (c) => c.recipient_unit);
    const robots = await this.prisma.unitChannelSettings.findMany({ where: { unitId: { in: [...byUnit.keys()] } }, include: { unit: { select: { name: true } } } });
    for (const r of robots) {
      for (const channel of ['wecom', 'dingtalk'] as const) {
        if (!(channel === 'wecom' ? r.wecomWebhook : r.dingtalkWebhook)) continue;
        // The reporter and the head of one unit may both be told of one report: the group hears it once.
        const all = fresh(channel, r.unitId, byUnit.get(r.unitId)!);
        const list = uniqueBy(all, (c) => `${c.rule}|${c.subject_key}|${c.occurrence}`);
        if (list.length === 0) continue;
        // Every copy counts as carried, so the reporter's copy does not come back in tomorrow's message.
        rows.push({ channel, target: r.unitId, day: to, subject: robotSubject(r.unit.name, list.length, day), body: digestText(robotSubject(r.unit.name, list.length, day), day, list.map(line)), notificationIds: all.map((c) => c.id) });
      }
    }
    if (rows.length) await this.prisma.notificationDelivery.createMany({ data: rows, skipDuplicates: true });
    const pending = await this.prisma.notificationDelivery.findMany({ where: { day: to, status: 'pending' }, select: { id: true } });
    return pending.map((p) => p.id);
  }
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const t of list) map.set(key(t), [...(map.get(key(t)) ?? []), t]);
  return map;
}

function uniqueBy<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => !seen.has(key(t)) && (seen.add(key(t)), true));
}

export const dayOf = (d: Date) => isoDay(d);
