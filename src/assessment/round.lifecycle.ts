import { createHash } from 'node:crypto';
import { Permission } from '../access/permissions.js';
import { isoDay, shanghaiDay } from '../common/dates.js';
import type { AssessmentRound } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle, type TransitionSpec } from '../workflow/lifecycle.js';
import { roundResults } from './results.js';

export type RoundRow = AssessmentRound & { unscored: number; pendingAppeals: number; planTitle: string };

export const ROUND_STATES = { open: '已开启', self_assessment: '自评', review: '复核', published: '已公布', appeal: '申诉期', frozen: '已锁定' } as const;

export const toRoundView = (r: RoundRow) => ({
  id: r.id,
  planId: r.planId,
  planTitle: r.planTitle,
  year: r.year,
  state: r.state,
  stateName: ROUND_STATES[r.state],
  version: r.version,
  cutoff: r.cutoff.toISOString(),
  appealDays: r.appealDays,
  publishedAt: r.publishedAt?.toISOString() ?? null,
  appealDeadline: isoDay(r.appealDeadline),
  frozenAt: r.frozenAt?.toISOString() ?? null,
  resultVersion: r.resultVersion,
  unscoredJudged: r.unscored,
  pendingAppeals: r.pendingAppeals,
});

/** The SHA-256 of the results as canonical JSON: what the audit trail keeps of a frozen round. */
export const resultsHash = (results: unknown) => createHash('sha256').update(JSON.stringify(results)).digest('hex');

/** The same day next month (the last day of next month when it has no such day): 01-31 → 02-28. */
export function oneMonthAfter(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last)));
}

const addDays = (day: string, days: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000);

// Writes that do not move the round are declared here too, with the states they are allowed in, and checked
// by WorkflowService.withLocked on the locked round: a write cannot slip past a transition running at once.
const write = (label: string, from: RoundRow['state'][], permission: Permission): TransitionSpec<RoundRow> => ({ event: `assessment.${label}`, label, from, to: from[0], permission });

/** 年度考核: open → self-assessment → review → published → appeal window → frozen. */
export const roundLifecycle = defineLifecycle<RoundRow>({
  name: 'assessment',
  entityType: 'AssessmentRound',
  subject: '年度考核',
  notFoundCode: 'ASSESSMENT.NOT_FOUND',
  table: 'assessment_rounds',
  stateColumn: 'state',
  stateType: '"AssessmentRoundState"',
  columns: { published_at: 'timestamptz', appeal_deadline: 'date', frozen_at: 'timestamptz', result_version: 'int' },
  touch: ['updated_at'],
  states: ROUND_STATES,
  transitions: {
    start_self_assessment: { event: 'assessment.self_assessment_started', label: '开始自评', from: ['open'], to: 'self_assessment', permission: Permission.AssessmentManage },
    start_review: { event: 'assessment.review_started', label: '开始复核', from: ['self_assessment'], to: 'review', permission: Permission.AssessmentManage },
    publish: {
      event: 'assessment.published',
      label: '公布结果',
      from: ['review'],
      to: 'published',
      permission: Permission.AssessmentManage,
      guard: (row) => (row.unscored > 0 ? { status: 422, code: 'ASSESSMENT.UNSCORED', message: `尚有 ${row.unscored} 项评分类指标未评分，不能公布`, field: 'state' } : null),
      set: (_row, _req, { now }) => ({ published_at: now }),
    },
    open_appeals: {
      event: 'assessment.appeals_opened',
      label: '开始申诉期',
      from: ['published'],
      to: 'appeal',
      permission: Permission.AssessmentManage,
      // The window runs to the end of the N-th day after today, Shanghai time.
      set: (row, _req, { now }) => ({ appeal_deadline: addDays(shanghaiDay(now), row.appealDays) }),
    },
    freeze: {
      event: 'assessment.frozen',
      label: '锁定结果',
      from: ['appeal'],
      to: 'frozen',
      permission: Permission.AssessmentManage,
      guard: (row, _input, { now }) =>
        row.pendingAppeals > 0
          ? { status: 422, code: 'ASSESSMENT.APPEALS_PENDING', message: `尚有 ${row.pendingAppeals} 件申诉未处理，不能锁定`, field: 'state' }
          : row.appealDeadline && shanghaiDay(now) <= isoDay(row.appealDeadline)
            ? { status: 422, code: 'ASSESSMENT.APPEAL_WINDOW_OPEN', message: `申诉期至 ${isoDay(row.appealDeadline)} 结束，届满后方可锁定`, field: 'state' }
            : null,
      set: (_row, _req, { now }) => ({ frozen_at: now, result_version: 1 }),
    },
    self_assess: write('自评', ['self_assessment'], Permission.AssessmentSelf),
    evaluate: write('评分', ['self_assessment', 'review'], Permission.AssessmentEvaluate),
    assign_evaluators: write('指定评估人', ['open', 'self_assessment', 'review'], Permission.AssessmentManage),
    adjust: write('复核调整', ['review'], Permission.AssessmentManage),
    file_appeal: {
      ...write('申诉', ['appeal'], Permission.AssessmentSelf),
      guard: (row, _input, { now }) =>
        row.appealDeadline && shanghaiDay(now) > isoDay(row.appealDeadline)
          ? { status: 422, code: 'ASSESSMENT.APPEAL_WINDOW_CLOSED', message: `申诉期已于 ${isoDay(row.appealDeadline)} 结束`, field: 'state' }
          : null,
    },
    decide_appeal: write('处理申诉', ['appeal'], Permission.AssessmentManage),
    correct: write('更正结果', ['frozen'], Permission.AssessmentManage),
    record_outcome: write('记录考核结果运用', ['frozen'], Permission.AssessmentManage),
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT id FROM assessment_rounds WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  },
  // Rounds are listed to everyone who may read assessments; what each sheet shows is scoped separately.
  load: (tx: Tx, _p, ids: string[]) => loadRounds(tx, ids),
  view: toRoundView,
  async record(tx, changes, t, { principal, now }) {
    const audit = [];
    for (const { after, request } of changes) {
      let extra: Record<string, unknown> = {};
      if (t.to === 'frozen') {
        const results = await roundResults(tx, after.id);
        const hash = resultsHash(results);
        await tx.assessmentResultVersion.create({ data: { roundId: after.id, number: 1, reason: '申诉期满，锁定结果', results: results as object, hash, createdById: principal.userId } });
        // A 不合格 unit must file a rectification plan (整改方案) within a month: recorded as its obligation.
        const failed = results.sheets.filter((x) => x.grade === 'fail');
        await tx.assessmentOutcome.createMany({
          data: failed.map((x) => ({ roundId: after.id, unitId: x.unitId, kind: 'rectification' as const, note: `${after.year}年度考核等次为不合格，须在一个月内报送整改方案`, dueDate: oneMonthAfter(shanghaiDay(now)), createdById: principal.userId })),
        });
        extra = { resultVersion: 1, hash, rectifications: failed.length };
      }
      audit.push({ action: t.event, entityType: 'AssessmentRound', entityId: after.id, after: { state: after.state, year: after.year, ...extra, ...(request.reason ? { reason: request.reason } : {}) } });
    }
    return { audit, events: changes.map(({ after }) => ({ type: t.event, aggregateType: 'AssessmentRound', aggregateId: after.id, payload: { planId: after.planId, year: after.year } })) };
  },
});

export async function loadRounds(tx: Tx, ids: string[]): Promise<RoundRow[]> {
  const rounds = await tx.assessmentRound.findMany({ where: { id: { in: ids } }, include: { plan: { select: { title: true } } } });
  if (rounds.length === 0) return [];
  const counts = await tx.$queryRaw<{ round_id: string; unscored: number; pending: number }[]>`
    SELECT r.id::text AS round_id,
           (SELECT count(*)::int FROM assessment_scores sc JOIN assessment_sheets sh ON sh.id = sc.sheet_id,
                   jsonb_array_elements(r.definition->'criteria') c
             WHERE sh.round_id = r.id AND c->>'key' = sc.criterion_key
               AND c->>'type' = 'judged' AND sc.evaluator_score IS NULL AND sc.adjusted_score IS NULL) AS unscored,
           (SELECT count(*)::int FROM assessment_appeals ap JOIN assessment_sheets sh ON sh.id = ap.sheet_id WHERE sh.round_id = r.id AND ap.status = 'pending') AS pending
      FROM assessment_rounds r WHERE r.id = ANY(${ids}::uuid[])`;
  const byId = new Map(counts.map((c) => [c.round_id, c]));
  return rounds.map(({ plan, ...r }) => ({ ...r, planTitle: plan.title, unscored: byId.get(r.id)?.unscored ?? 0, pendingAppeals: byId.get(r.id)?.pending ?? 0 }));
}
