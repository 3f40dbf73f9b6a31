import { actualScope, defineAbilityFor } from '../access/abilities.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle } from '../workflow/lifecycle.js';

export const actualInclude = { indicator: { select: { name: true, unit: true, planId: true } }, unit: { select: { name: true } } } satisfies Prisma.IndicatorActualInclude;
type ActualWith = Omit<Prisma.IndicatorActualGetPayload<{ include: typeof actualInclude }>, 'evidenceContent'>;
export type ActualRow = ActualWith & { state: ActualWith['verification'] };

export const toActualView = (a: ActualWith) => ({
  id: a.id,
  indicatorId: a.indicatorId,
  indicatorName: a.indicator.name,
  year: a.year,
  unitId: a.unitId,
  unitName: a.unit.name,
  value: Number(a.value),
  unit: a.indicator.unit,
  source: a.source,
  note: a.note,
  reportedBy: a.reportedByName,
  verification: a.verification,
  verificationReason: a.verificationReason,
  verifiedAt: a.verifiedAt?.toISOString() ?? null,
  evidence: a.evidenceName ? { fileName: a.evidenceName, mimeType: a.evidenceMime!, sha256: a.evidenceSha256! } : null,
  version: a.version,
});

/**
 * An actual's verification by the office: unverified → verified, or disputed with a reason; a disputed
 * figure is verified once corrected, a verified one disputed when doubts arise. A new value (recorded
 * again) starts unverified: see IndicatorsService.recordActual.
 */
export const actualLifecycle = defineLifecycle<ActualRow>({
  name: 'actual',
  entityType: 'IndicatorActual',
  subject: '指标实际值',
  notFoundCode: 'ACTUAL.NOT_FOUND',
  table: 'indicator_actuals',
  stateColumn: 'verification',
  stateType: '"ActualVerification"',
  columns: { verification_reason: 'text', verified_by_id: 'uuid', verified_at: 'timestamptz' },
  states: { unverified: '未核实', verified: '已核实', disputed: '有争议' },
  transitions: {
    verify: {
      event: 'actual.verified',
      label: '核实',
      from: ['unverified', 'disputed'],
      to: 'verified',
      permission: Permission.YearEndManage,
      set: (_row, { reason }, { now, principal }) => ({ verification_reason: reason ?? null, verified_by_id: principal.userId, verified_at: now }),
    },
    dispute: {
      event: 'actual.disputed',
      label: '标记为有争议',
      from: ['unverified', 'verified'],
      to: 'disputed',
      reason: 'required',
      permission: Permission.YearEndManage,
      set: (_row, { reason }, { now, principal }) => ({ verification_reason: reason, verified_by_id: principal.userId, verified_at: now }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT id FROM indicator_actuals WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  },
  load: async (tx: Tx, p: Principal, ids: string[]) =>
    (await tx.indicatorActual.findMany({ where: { AND: [actualScope(defineAbilityFor(p)), { id: { in: ids } }] }, include: actualInclude, omit: { evidenceContent: true } })).map((a) => ({ ...a, state: a.verification })),
  view: toActualView,
  async record(_tx, changes, t) {
    return {
      audit: changes.map(({ after, request }) => ({
        action: t.event,
        entityType: 'IndicatorActual',
        entityId: after.id,
        after: { indicatorId: after.indicatorId, year: after.year, unitId: after.unitId, value: Number(after.value), verification: after.verification, reason: request.reason ?? null },
      })),
      events: changes.map(({ after }) => ({ type: t.event, aggregateType: 'IndicatorActual', aggregateId: after.id, payload: { indicatorId: after.indicatorId, year: after.year, unitId: after.unitId } })),
    };
  },
});
