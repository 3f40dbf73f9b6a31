import { Injectable } from '@nestjs/common';
import { daysBetween, dayToDate, isoDay, shanghaiDay } from '../common/dates.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { dueDeadline } from '../work-items/due-date.js';
import { pointsAfter, pointsBefore, RULE_LABEL, scanWindow, withDefaults, type RuleName, type ScanWindow } from './reminder-rules.js';

/** One message the scan decided on: a ledger row to be. */
export interface PlannedNotification {
  rule: RuleName;
  subjectKey: string;
  recipientId: string;
  recipientName: string;
  occurrence: string;
  planId: string;
  unitId: string;
  unitName: string;
  day: string;
  title: string;
  body: string;
}

type UserRow = { id: string; displayName: string; unitId: string; roles: string[] };
const short = (text: string) => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

/**
 * Decides from the data alone what is due on a day: no state outside the database, so the same scan run
 * twice, or by two instances, decides the same rows and the ledger's unique key keeps one of each.
 */
@Injectable()
export class ReminderScanService {
  constructor(private readonly prisma: PrismaService) {}

  async plan(planId: string, at: Date): Promise<{ day: string; window: ScanWindow; planned: PlannedNotification[] }> {
    const day = shanghaiDay(at);
    const window = scanWindow(day);
    const plan = await this.prisma.plan.findUnique({ where: { id: planId }, include: { reminderSettings: true } });
    // An archived plan keeps its history but chases nobody.
    if (!plan || plan.status === 'archived' || window.after.length === 0) return { day, window, planned: [] };
    const rules = withDefaults(plan.reminderSettings?.rules);
    const muted = new Set((await this.prisma.reminderMute.findMany({ where: { planId } })).map((m) => `${m.unitId}|${m.rule}`));
    const users = await this.prisma.user.findMany({ where: { disabled: false }, select: { id: true, displayName: true, unitId: true, roles: true } });
    const byUnit = new Map<string, UserRow[]>();
    for (const u of users) byUnit.set(u.unitId, [...(byUnit.get(u.unitId) ?? []), u]);
    const office = users.filter((u) => u.roles.includes('office_admin'));
    const reporters = (unitId: string) => (byUnit.get(unitId) ?? []).filter((u) => u.roles.includes('unit_reporter'));
    // A unit without a head account still hears through its reporters.
    const heads = (unitId: string) => {
      const h = (byUnit.get(unitId) ?? []).filter((u) => u.roles.includes('unit_head'));
      return h.length ? h : reporters(unitId);
    };
    const unitNames = new Map((await this.prisma.unit.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));

    const planned: PlannedNotification[] = [];
    const seen = new Set<string>();
    const add = (rule: RuleName, subjectKey: string, unitId: string, to: UserRow[], occurrence: string, body: string) => {
      if (muted.has(`${unitId}|${rule}`)) return;
      for (const u of to) {
        // The ledger's key: one message per rule, subject, recipient and occurrence.
        const key = `${rule}|${subjectKey}|${u.id}|${occurrence}`;
        if (seen.has(key)) continue;
        seen.add(key);
        planned.push({ rule, subjectKey, recipientId: u.id, recipientName: u.displayName, occurrence, planId, unitId, unitName: unitNames.get(unitId) ?? '', day, title: RULE_LABEL[rule], body });
      }
    };
    // Several reminder days of one subject in one window (a weekend): only the latest is worth telling.
    const latest = (points: string[]) => points.at(-1);

    // Reports and contributions of open periods that have not left the unit, counted per unit.
    const outstanding = await this.prisma.$queryRaw<{ period_id: string; label: string; due: Date; unit_id: string; state: string; n: bigint }[]>`
      SELECT p.id::text AS period_id, p.label, p.due_date AS due, r.unit_id::text AS unit_id, r.state::text AS state, count(*) AS n
      FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id
      WHERE p.plan_id = ${planId}::uuid AND p.status = 'open' AND r.state IN ('pending', 'draft', 'returned')
      GROUP BY p.id, p.label, p.due_date, r.unit_id, r.state ORDER BY p.due_date, r.unit_id`;
    const perUnit = new Map<string, { periodId: string; label: string; due: string; unitId: string; unsent: number; unsigned: number }>();
    for (const r of outstanding) {
      const key = `${r.period_id}|${r.unit_id}`;
      const e = perUnit.get(key) ?? { periodId: r.period_id, label: r.label, due: isoDay(r.due), unitId: r.unit_id, unsent: 0, unsigned: 0 };
      if (r.state === 'draft') e.unsigned += Number(r.n);
      else e.unsent += Number(r.n);
      perUnit.set(key, e);
    }
    for (const e of perUnit.values()) {
      const subject = `period:${e.periodId}:unit:${e.unitId}`;
      if (rules.reportDue.enabled) {
        const p = latest(pointsBefore(e.due, rules.reportDue.daysBefore, window));
        if (p) {
          const left = daysBetween(day, e.due);
          if (e.unsent) add('report_due', subject, e.unitId, reporters(e.unitId), p, `「${e.label}」尚有 ${e.unsent} 项进度报告未报送，${e.due} 截止（还有 ${left} 天）`);
          if (e.unsigned) add('report_signoff', subject, e.unitId, heads(e.unitId), p, `「${e.label}」有 ${e.unsigned} 项进度报告已填写待您审核签发，${e.due} 截止（还有 ${left} 天）`);
        }
      }
      if (rules.reportLate.enabled) {
        const p = latest(pointsAfter(e.due, rules.reportLate.daysAfter, rules.reportLate.repeatEveryDays, window));
        if (p) {
          const late = daysBetween(e.due, day);
          const n = e.unsent + e.unsigned;
          const to = [...reporters(e.unitId), ...heads(e.unitId), ...(daysBetween(e.due, p) >= rules.reportLate.officeFromDay ? office : [])];
          add('report_late', subject, e.unitId, to, p, `「${e.label}」有 ${n} 项进度报告逾期未报（${e.due} 截止，已逾期 ${late} 天）`);
        }
      }
    }

    // Dated deadlines of work items (the approved extension's date wins); ongoing and soft ones never come here.
    if (rules.deadline.enabled) {
      const items = await this.prisma.workItem.findMany({
        where: { planId, deadlines: { some: { date: { not: null }, kind: { in: ['dated', 'period'] } } } },
        include: {
          deadlines: true,
          extensions: { where: { status: 'approved' }, orderBy: { requestedDate: 'desc' }, take: 1 },
          assignments: { where: { endedAt: null }, select: { unitId: true, role: true } },
          reports: { where: { state: 'accepted', status: 'completed', kind: 'report' }, select: { id: true }, take: 1 },
        },
      });
      for (const item of items) {
        const d = dueDeadline(item.deadlines);
        if (!d || item.reports.length) continue;
        const due = isoDay(item.extensions[0]?.requestedDate ?? d.date);
        const subject = `deadline:${item.id}`;
        const label = `「${item.seq}${item.itemNo > 1 ? `-${item.itemNo}` : ''} ${short(item.text)}」`;
        const before = latest(pointsBefore(due, rules.deadline.daysBefore, window));
        const after = latest(pointsAfter(due, rules.deadline.daysAfter, rules.deadline.repeatEveryDays, window));
        for (const a of item.assignments) {
          if (before && a.role === 'lead') add('deadline_due', subject, a.unitId, heads(a.unitId), before, `${label}完成时限 ${due}，还有 ${daysBetween(day, due)} 天`);
          if (after) add('deadline_overdue', subject, a.unitId, heads(a.unitId), after, `${label}完成时限 ${due} 已过 ${daysBetween(due, day)} 天，尚未完成`);
        }
      }
    }

    // A light that turned red: once per turn (the change's id), to the lead units' heads and the office.
    if (rules.lightRed.enabled) {
      const reds = await this.prisma.$queryRaw<{ work_item_id: string; seq: string; text: string; change_id: string; changed_at: Date }[]>`
        SELECT s.work_item_id::text, w.seq, w.text, c.id::text AS change_id, c.changed_at
        FROM light_states s JOIN work_items w ON w.id = s.work_item_id
        JOIN LATERAL (SELECT id, changed_at FROM light_changes c WHERE c.work_item_id = s.work_item_id AND c.assignment_key = '' AND c.to_light = 'red'
                      ORDER BY changed_at DESC LIMIT 1) c ON true
        WHERE w.plan_id = ${planId}::uuid AND s.assignment_key = '' AND s.light = 'red'`;
      const leads = await this.prisma.assignment.findMany({ where: { workItemId: { in: reds.map((r) => r.work_item_id) }, role: 'lead', endedAt: null }, select: { workItemId: true, unitId: true } });
      for (const r of reds) {
        const body = `「${r.seq} ${short(r.text)}」于 ${shanghaiDay(r.changed_at)} 亮红灯，请关注并督促整改`;
        for (const l of leads.filter((x) => x.workItemId === r.work_item_id)) add('light_red', `light:${r.work_item_id}`, l.unitId, [...heads(l.unitId), ...office], r.change_id, body);
      }
    }
    return { day, window, planned };
  }

  /** Writes what the scan decided into the ledger; rows already there (an earlier scan) are left alone. */
  async write(planned: PlannedNotification[]): Promise<number> {
    if (planned.length === 0) return 0;
    const { count } = await this.prisma.notification.createMany({
      data: planned.map((p) => ({ rule: p.rule, subjectKey: p.subjectKey, recipientId: p.recipientId, occurrence: p.occurrence, planId: p.planId, unitId: p.unitId, day: dayToDate(p.day), title: p.title, body: p.body })),
      skipDuplicates: true,
    });
    return count;
  }
}
