import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { Clock } from '../clock/clock.js';
import { dayToDate, shanghaiDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Prisma } from '../generated/prisma/client.js';
import { JobName } from '../jobs/job-names.js';
import { JobsService } from '../jobs/jobs.service.js';
import { OutboxService } from '../jobs/outbox.service.js';
import type { ScheduleDefinition } from '../jobs/schedules.js';
import { NoticesService } from '../notices/notices.service.js';
import { DeliveryService, isQuietHour } from '../notifications/delivery.service.js';
import { DigestService } from '../notifications/digest.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { CreateMuteDto, LiftMuteDto, MuteDto, PreviewDto, PreviewQuery, ReminderRulesDto, ScanResultDto } from './dto/reminder.dto.js';
import { withDefaults, type ReminderRules } from './reminder-rules.js';
import { CalendarService } from './calendar.service.js';
import { ReminderScanService } from './reminder-scan.service.js';
import { isWorkingDay } from './working-calendar.js';

export const scheduleId = (planId: string) => `reminders-plan-${planId}`;

/** Reminder rules and mutes per plan, the preview, and the daily scan that writes the ledger and queues digests. */
@Injectable()
export class RemindersService implements OnModuleInit {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    private readonly scanner: ReminderScanService,
    private readonly digests: DigestService,
    private readonly deliveries: DeliveryService,
    private readonly notices: NoticesService,
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit() {
    this.jobs.register(JobName.ReminderScan, (data) => this.scan(data.planId));
    this.jobs.addScheduleSource(() => this.schedules());
    // A plan becomes worth scanning when it gets periods or items: its scheduler is registered then (idempotent).
    this.outbox.subscribe({
      name: 'reminder-schedules',
      types: ['period.opened', 'work_items.changed', 'plan.reminder_rules_set'],
      handle: async (events) => {
        const planIds = [...new Set(events.map((e) => (e.payload as { planId?: string }).planId).filter((id): id is string => Boolean(id)))];
        // With Redis down a BullMQ call waits for it: give up after a while and let the outbox retry the event,
        // rather than hold up the request that opened the period.
        const register = (async () => {
          for (const s of await this.schedules(planIds)) await this.jobs.upsertSchedule(s);
        })();
        register.catch(() => undefined);
        await Promise.race([register, new Promise((_, reject) => setTimeout(() => reject(new Error('Redis 未响应，提醒定时任务稍后登记')), 2000).unref())]);
      },
    });
  }

  /** One scheduler per plan that is not archived, at its send hour, Beijing time. */
  async schedules(planIds?: string[]): Promise<ScheduleDefinition[]> {
    const plans = await this.prisma.plan.findMany({ where: { status: { not: 'archived' }, ...(planIds ? { id: { in: planIds } } : {}) }, select: { id: true, reminderSettings: true } });
    return plans.map((p) => {
      const { sendHour } = withDefaults(p.reminderSettings?.rules);
      return { id: scheduleId(p.id), job: JobName.ReminderScan, repeat: { pattern: `0 ${sendHour} * * *`, tz: 'Asia/Shanghai' }, data: { planId: p.id }, description: `每日 ${sendHour}:00 扫描方案的提醒事项` };
    });
  }

  /** The day's scan of one plan: ledger rows, then the day's digests, queued unless it is quiet time. */
  async scan(planId: string, at: Date = this.clock.now()): Promise<ScanResultDto> {
    await this.calendar.refresh();
    // Notices first: an escalation writes its own ledger rows, which ride in the same digest.
    const archived = (await this.prisma.plan.findUnique({ where: { id: planId }, select: { status: true } }))?.status === 'archived';
    if (!archived && isWorkingDay(shanghaiDay(at))) await this.notices.escalate(planId, at);
    const { day, planned } = await this.scanner.plan(planId, at);
    const written = await this.scanner.write(planned);
    const ids = await this.digests.build(day);
    if (!isQuietHour(at)) await this.deliveries.enqueue(ids);
    if (written) this.logger.log(`提醒扫描 ${day}：新写入 ${written} 条消息，排队 ${ids.length} 条邮件/机器人消息`);
    return { day, written, queued: ids.length };
  }

  async runNow(planId: string): Promise<ScanResultDto> {
    await this.planOrThrow(planId);
    return this.scan(planId);
  }

  async preview(q: PreviewQuery): Promise<PreviewDto> {
    const plan = await this.planOrThrow(q.planId);
    const rules = withDefaults(plan.reminderSettings?.rules);
    const at = !q.at ? this.clock.now() : q.at.length === 10 ? new Date(dayToDate(q.at).getTime() + (rules.sendHour - 8) * 3_600_000) : new Date(q.at);
    if (Number.isNaN(at.getTime())) throw new DomainError('VALIDATION', 400, 'at 不是有效的时刻', [{ field: 'at', message: '不是有效的时刻' }]);
    await this.calendar.refresh();
    const { day, window, planned } = await this.scanner.plan(q.planId, at);
    const existing = planned.length
      ? await this.prisma.notification.findMany({
          where: { OR: planned.map((p) => ({ rule: p.rule, subjectKey: p.subjectKey, recipientId: p.recipientId, occurrence: p.occurrence })) },
          select: { rule: true, subjectKey: true, recipientId: true, occurrence: true },
        })
      : [];
    const sent = new Set(existing.map((e) => `${e.rule}|${e.subjectKey}|${e.recipientId}|${e.occurrence}`));
    return {
      day,
      workingDay: isWorkingDay(day),
      window: [...new Set([...window.after, ...window.before])],
      items: planned.map((p) => ({
        rule: p.rule,
        title: p.title,
        body: p.body,
        recipientId: p.recipientId,
        recipientName: p.recipientName,
        unitId: p.unitId,
        unitName: p.unitName,
        occurrence: p.occurrence,
        alreadySent: sent.has(`${p.rule}|${p.subjectKey}|${p.recipientId}|${p.occurrence}`),
      })),
    };
  }

  async rules(planId: string): Promise<ReminderRules> {
    return withDefaults((await this.planOrThrow(planId)).reminderSettings?.rules);
  }

  async setRules(p: Principal, planId: string, dto: ReminderRulesDto): Promise<ReminderRules> {
    const before = await this.rules(planId);
    const rules = withDefaults(JSON.parse(JSON.stringify(dto)));
    await this.workflow.transaction(async (w) => {
      const json = rules as unknown as Prisma.InputJsonValue;
      await w.tx.reminderSettings.upsert({ where: { planId }, create: { planId, rules: json }, update: { rules: json } });
      await w.audit([{ action: 'plan.reminder_rules_set', entityType: 'Plan', entityId: planId, before, after: rules }]);
      // The send hour may have moved: the subscriber registers the plan's scheduler again (replacing it).
      await w.announce([{ type: 'plan.reminder_rules_set', aggregateType: 'Plan', aggregateId: planId, payload: { planId } }]);
    });
    this.logger.log(`${p.username} 修改了方案 ${planId} 的提醒规则`);
    return rules;
  }

  async mutes(planId: string): Promise<MuteDto[]> {
    await this.planOrThrow(planId);
    const rows = await this.prisma.reminderMute.findMany({ where: { planId }, include: { unit: { select: { name: true } } }, orderBy: { createdAt: 'asc' } });
    return rows.map((m) => ({ id: m.id, planId: m.planId, unitId: m.unitId, unitName: m.unit.name, rule: m.rule, reason: m.reason, createdAt: m.createdAt.toISOString() }));
  }

  async mute(planId: string, dto: CreateMuteDto): Promise<MuteDto> {
    await this.planOrThrow(planId);
    const unit = await this.prisma.unit.findUnique({ where: { id: dto.unitId } });
    if (!unit) throw new DomainError('UNIT.NOT_FOUND', 404, '单位不存在', [{ field: 'unitId', message: '没有这个单位' }]);
    const m = await this.workflow.transaction(async (w) => {
      if (await w.tx.reminderMute.findUnique({ where: { planId_unitId_rule: { planId, unitId: dto.unitId, rule: dto.rule } } })) {
        throw new DomainError('MUTE.EXISTS', 409, `${unit.name}的该类提醒已暂停`, [{ field: 'rule', message: '已暂停' }]);
      }
      const created = await w.tx.reminderMute.create({ data: { planId, unitId: dto.unitId, rule: dto.rule, reason: dto.reason } });
      await w.audit([{ action: 'reminder.muted', entityType: 'ReminderMute', entityId: created.id, related: { type: 'Plan', id: planId }, after: { unit: unit.name, rule: dto.rule, reason: dto.reason } }]);
      return created;
    });
    return { id: m.id, planId, unitId: m.unitId, unitName: unit.name, rule: m.rule, reason: m.reason, createdAt: m.createdAt.toISOString() };
  }

  async lift(id: string, dto: LiftMuteDto): Promise<void> {
    await this.workflow.transaction(async (w) => {
      const m = await w.tx.reminderMute.findUnique({ where: { id }, include: { unit: { select: { name: true } } } });
      if (!m) throw notFound('提醒暂停设置', 'MUTE.NOT_FOUND');
      await w.tx.reminderMute.delete({ where: { id } });
      await w.audit([{ action: 'reminder.unmuted', entityType: 'ReminderMute', entityId: id, related: { type: 'Plan', id: m.planId }, before: { unit: m.unit.name, rule: m.rule, reason: m.reason }, after: { reason: dto.reason } }]);
    });
  }

  private async planOrThrow(planId: string) {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId }, include: { reminderSettings: true } });
    if (!plan) throw new DomainError('PLAN.NOT_FOUND', 404, '方案不存在', [{ field: 'planId', message: '没有这个方案' }]);
    return plan;
  }
}
