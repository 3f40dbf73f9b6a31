import { Injectable, Logger } from '@nestjs/common';
import { defineAbilityFor, noticeScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { Clock } from '../clock/clock.js';
import { dayToDate, isoDay, shanghaiDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { NoticeLevel, SupervisionNotice } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { addWorkingDays } from '../reminders/working-calendar.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { IssueNoticeDto, ListNoticesQuery, NoticePatternDto, NoticeProposalDto, ReplyNoticeDto, ReturnNoticeDto } from './dto/notice.dto.js';
import { LEVEL_LABEL, noticeInclude, noticeLifecycle, toNoticeView } from './notice.lifecycle.js';

const NEXT_LEVEL: Record<NoticeLevel, NoticeLevel | null> = { urge: 'supervise', supervise: 'listed', listed: null };
/** Working days a unit has to acknowledge (签收) a notice before it climbs a level. */
export const ACKNOWLEDGE_WORKING_DAYS = 2;

export const DEFAULT_NOTICE_PATTERN = '〔{year}〕第{n}号';
export const noticeNumber = (year: number, n: number, pattern = DEFAULT_NOTICE_PATTERN) => pattern.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));

/**
 * Supervision notices (督办单): numbered per plan and year from a counter row that the issuing transaction
 * locks (so numbers are gap-free under concurrency and a rolled-back issue gives its number back), addressed
 * to a unit responsible for the item, escalated by the daily scan when not acknowledged or answered in time.
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger('Notices');

  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
  ) {}

  async issue(p: Principal, dto: IssueNoticeDto) {
    return this.workflow.transaction(async (w) => {
      const item = await w.tx.workItem.findUnique({ where: { id: dto.workItemId }, include: { assignments: { where: { endedAt: null }, select: { unitId: true } } } });
      if (!item) throw new DomainError('WORK_ITEM.NOT_FOUND', 404, '工作事项不存在', [{ field: 'workItemId', message: '没有这个工作事项' }]);
      const unit = await w.tx.unit.findUnique({ where: { id: dto.unitId } });
      if (!unit) throw new DomainError('UNIT.NOT_FOUND', 404, '受文单位不存在', [{ field: 'unitId', message: '没有这个单位' }]);
      if (!item.assignments.some((a) => a.unitId === dto.unitId)) {
        throw new DomainError('NOTICE.NOT_RESPONSIBLE', 422, `${unit.name}不是该事项的牵头或配合单位`, [{ field: 'unitId', message: '须为该事项的牵头或配合单位' }]);
      }
      const today = shanghaiDay(w.now);
      if (dto.replyDeadline < today) throw new DomainError('NOTICE.DEADLINE_PAST', 400, `答复期限不能早于今天（${today}）`, [{ field: 'replyDeadline', message: `不能早于 ${today}` }]);
      const year = Number(today.slice(0, 4));
      // The counter row stays locked until this transaction ends: a concurrent issue waits and takes the next number.
      const [{ last }] = await w.tx.$queryRaw<{ last: number }[]>`
        INSERT INTO notice_counters (plan_id, year, last) VALUES (${item.planId}::uuid, ${year}, 1)
        ON CONFLICT (plan_id, year) DO UPDATE SET last = notice_counters.last + 1 RETURNING last`;
      const notice = await w.tx.supervisionNotice.create({
        data: {
          planId: item.planId,
          year,
          number: last,
          numberText: noticeNumber(year, last, (await w.tx.reminderSettings.findUnique({ where: { planId: item.planId } }))?.noticePattern ?? undefined),
          workItemId: item.id,
          unitId: unit.id,
          level: dto.level,
          reason: dto.reason,
          requestedAction: dto.requestedAction,
          replyDeadline: dayToDate(dto.replyDeadline),
          issuedById: p.userId,
          issuedAt: w.now,
        },
        include: noticeInclude,
      });
      await w.audit([
        {
          action: 'notice.issued',
          entityType: 'SupervisionNotice',
          entityId: notice.id,
          related: { type: 'WorkItem', id: item.id },
          after: { numberText: notice.numberText, unit: unit.name, level: dto.level, reason: dto.reason, requestedAction: dto.requestedAction, replyDeadline: dto.replyDeadline },
        },
      ]);
      await w.announce([{ type: 'notice.issued', aggregateType: 'SupervisionNotice', aggregateId: notice.id, payload: { workItemId: item.id, unitId: unit.id, planId: item.planId } }]);
      await this.notify(w.tx, notice, 'notice_issued', `level:${notice.level}`, today);
      return toNoticeView(notice);
    });
  }

  /** The office's numbering pattern for a plan's notices (numbers already given keep their text). */
  async setPattern(planId: string, dto: NoticePatternDto): Promise<NoticePatternDto> {
    if (!(await this.prisma.plan.count({ where: { id: planId } }))) throw new DomainError('PLAN.NOT_FOUND', 404, '方案不存在', [{ field: 'planId', message: '没有这个方案' }]);
    await this.workflow.transaction(async (w) => {
      const before = await w.tx.reminderSettings.findUnique({ where: { planId } });
      await w.tx.reminderSettings.upsert({ where: { planId }, create: { planId, rules: {}, noticePattern: dto.pattern }, update: { noticePattern: dto.pattern } });
      await w.audit([{ action: 'plan.notice_pattern_set', entityType: 'Plan', entityId: planId, before: { pattern: before?.noticePattern ?? DEFAULT_NOTICE_PATTERN }, after: { pattern: dto.pattern } }]);
    });
    return { pattern: dto.pattern };
  }

  async list(p: Principal, q: ListNoticesQuery) {
    const rows = await this.prisma.supervisionNotice.findMany({
      where: { AND: [noticeScope(defineAbilityFor(p)), { ...(q.planId ? { planId: q.planId } : {}), ...(q.state ? { state: q.state as SupervisionNotice['state'] } : {}) }] },
      include: noticeInclude,
      orderBy: [{ year: 'desc' }, { number: 'desc' }],
    });
    return rows.map(toNoticeView);
  }

  async get(p: Principal, id: string) {
    const row = await this.prisma.supervisionNotice.findFirst({ where: { AND: [noticeScope(defineAbilityFor(p)), { id }] }, include: noticeInclude });
    if (!row) throw notFound('督办单', 'NOTICE.NOT_FOUND');
    return toNoticeView(row);
  }

  async acknowledge(p: Principal, id: string, version: number) {
    return toNoticeView(await this.workflow.apply(noticeLifecycle, 'acknowledge', p, { id, version }));
  }

  async reply(p: Principal, id: string, dto: ReplyNoticeDto) {
    return toNoticeView(await this.workflow.apply(noticeLifecycle, 'reply', p, { id, version: dto.version, input: { reply: dto.reply } }));
  }

  async return(p: Principal, id: string, dto: ReturnNoticeDto) {
    return toNoticeView(await this.workflow.apply(noticeLifecycle, 'return', p, { id, version: dto.version, reason: dto.reason }));
  }

  async close(p: Principal, id: string, version: number) {
    return toNoticeView(await this.workflow.apply(noticeLifecycle, 'close', p, { id, version }));
  }

  /** Items whose light is red and that have no open notice: a notice to the lead unit, ready to issue as is. */
  async proposals(planId: string): Promise<NoticeProposalDto[]> {
    if (!(await this.prisma.plan.count({ where: { id: planId } }))) throw new DomainError('PLAN.NOT_FOUND', 404, '方案不存在', [{ field: 'planId', message: '没有这个方案' }]);
    const today = shanghaiDay(this.clock.now());
    const reds = await this.prisma.lightState.findMany({
      where: { assignmentKey: '', light: 'red', workItem: { planId, notices: { none: { state: { not: 'closed' } } } } },
      include: { workItem: { include: { assignments: { where: { role: 'lead', endedAt: null }, orderBy: [{ principal: 'desc' }, { position: 'asc' }], take: 1, include: { unit: { select: { name: true } } } } } } },
    });
    return reds
      .filter((r) => r.workItem.assignments.length)
      .map((r) => {
        const lead = r.workItem.assignments[0];
        const reasons = ((r.reasons as { message?: string }[] | null) ?? []).map((x) => x.message).filter(Boolean);
        return {
          workItemId: r.workItemId,
          workItem: { seq: r.workItem.seq, itemNo: r.workItem.itemNo, text: r.workItem.text },
          unitId: lead.unitId,
          unitName: lead.unit.name,
          level: 'supervise',
          reason: `该事项亮红灯：${reasons.join('；') || '进展严重滞后'}`,
          requestedAction: '请分析原因、制定整改措施，并于答复期限前报送办理情况',
          replyDeadline: addWorkingDays(today, 5),
        };
      });
  }

  /**
   * Raises the level of a plan's notices that were not acknowledged within ACKNOWLEDGE_WORKING_DAYS working
   * days (of issue or of the last escalation), or not answered by their reply deadline (once), and tells the
   * wider circle. Each row is re-read under a lock, so two scans at once escalate it once.
   */
  async escalate(planId: string, at: Date): Promise<number> {
    const today = shanghaiDay(at);
    const open = await this.prisma.supervisionNotice.findMany({ where: { planId, state: { in: ['issued', 'acknowledged'] }, level: { not: 'listed' } }, select: { id: true } });
    let raised = 0;
    for (const { id } of open) {
      const done = await this.workflow.transaction(async (w) => {
        await w.tx.$queryRaw`SELECT id FROM supervision_notices WHERE id = ${id}::uuid FOR UPDATE`;
        const n = await w.tx.supervisionNotice.findUniqueOrThrow({ where: { id }, include: noticeInclude });
        const next = NEXT_LEVEL[n.level];
        if (!next || !['issued', 'acknowledged'].includes(n.state)) return false;
        const notAcknowledged = n.state === 'issued' && today > addWorkingDays(shanghaiDay(n.escalatedAt ?? n.issuedAt), ACKNOWLEDGE_WORKING_DAYS);
        const notAnswered = !n.deadlineEscalated && today > isoDay(n.replyDeadline);
        if (!notAcknowledged && !notAnswered) return false;
        const updated = await w.tx.supervisionNotice.update({
          where: { id },
          data: { level: next, escalations: { increment: 1 }, escalatedAt: w.now, deadlineEscalated: n.deadlineEscalated || notAnswered, version: { increment: 1 } },
          include: noticeInclude,
        });
        const why = notAnswered ? `答复期限 ${isoDay(n.replyDeadline)} 已过未答复` : `下发后 ${ACKNOWLEDGE_WORKING_DAYS} 个工作日内未签收`;
        await w.audit([
          {
            action: 'notice.escalated',
            entityType: 'SupervisionNotice',
            entityId: id,
            related: { type: 'WorkItem', id: n.workItemId },
            before: { level: n.level },
            after: { level: next, reason: why, automatic: true },
          },
        ]);
        await w.announce([{ type: 'notice.escalated', aggregateType: 'SupervisionNotice', aggregateId: id, payload: { workItemId: n.workItemId, unitId: n.unitId, planId } }]);
        await this.notify(w.tx, updated, 'notice_escalated', `level:${next}`, today, why);
        return true;
      });
      if (done) raised++;
    }
    if (raised) this.logger.log(`督办单自动升级 ${raised} 件（${today}）`);
    return raised;
  }

  /** The circle widens with the level: the unit (reporters and head); from 督办 the office; at 挂牌督办 the leaders. */
  private async notify(tx: Tx, n: SupervisionNotice & { unit: { name: string }; workItem: { seq: string; text: string } }, rule: string, occurrence: string, today: string, why?: string) {
    const roles = ['unit_reporter', 'unit_head'];
    const users = await tx.user.findMany({
      where: {
        disabled: false,
        OR: [
          { unitId: n.unitId, roles: { hasSome: roles as never } },
          ...(n.level !== 'urge' ? [{ roles: { has: 'office_admin' as const } }] : []),
          ...(n.level === 'listed' ? [{ roles: { has: 'leader' as const } }] : []),
        ],
      },
      select: { id: true },
    });
    const title = rule === 'notice_issued' ? `${LEVEL_LABEL[n.level]}单` : `督办升级为${LEVEL_LABEL[n.level]}`;
    const body = `${n.numberText}「${n.workItem.seq} ${n.workItem.text.slice(0, 30)}」${n.unit.name}：${why ? `${why}，` : ''}请于 ${isoDay(n.replyDeadline)} 前签收并答复`;
    await tx.notification.createMany({
      data: users.map((u) => ({ rule, subjectKey: `notice:${n.id}`, recipientId: u.id, occurrence, planId: n.planId, unitId: n.unitId, day: dayToDate(today), title, body })),
      skipDuplicates: true,
    });
  }
}
