import type { Principal } from '../access/principal.js';
import { lockKey } from '../common/key-lock.js';
import { Prisma } from '../generated/prisma/client.js';
import type { WorkflowTx } from '../workflow/workflow.service.js';
import { actualInclude } from './actual.lifecycle.js';

export interface ActualInput {
  indicatorId: string;
  year: number;
  unitId: string;
  value: number;
  source: 'statistics' | 'self_reported' | 'estimate';
  note: string | null;
}

/**
 * Records or replaces one actual (indicator, year, unit), locked: a new value starts verification over,
 * and the value it replaced stays in the audit trail. Used by the form and by the spreadsheet import.
 */
export async function writeActual(w: WorkflowTx, p: Principal, a: ActualInput) {
  // The first value of a year has no row to lock yet: two at once would both create it.
  await lockKey(w.tx, `actual:${a.indicatorId}:${a.year}:${a.unitId}`);
  await w.tx.$queryRaw`SELECT id FROM indicator_actuals WHERE indicator_id = ${a.indicatorId}::uuid AND year = ${a.year} AND unit_id = ${a.unitId}::uuid FOR UPDATE`;
  const before = await w.tx.indicatorActual.findUnique({ where: { indicatorId_year_unitId: { indicatorId: a.indicatorId, year: a.year, unitId: a.unitId } }, omit: { evidenceContent: true } });
  const fields = {
    value: new Prisma.Decimal(a.value),
    source: a.source,
    note: a.note,
    reportedById: p.userId,
    reportedByName: p.displayName,
    verification: 'unverified' as const,
    verificationReason: null,
    verifiedById: null,
    verifiedAt: null,
  };
  const saved = before
    ? await w.tx.indicatorActual.update({ where: { id: before.id }, data: { ...fields, version: { increment: 1 } }, include: actualInclude, omit: { evidenceContent: true } })
    : await w.tx.indicatorActual.create({ data: { indicatorId: a.indicatorId, year: a.year, unitId: a.unitId, ...fields }, include: actualInclude, omit: { evidenceContent: true } });
  await w.audit([
    {
      action: before ? 'actual.replaced' : 'actual.recorded',
      entityType: 'IndicatorActual',
      entityId: saved.id,
      before: before ? { value: Number(before.value), source: before.source, verification: before.verification } : null,
      after: { indicatorId: a.indicatorId, year: a.year, unitId: a.unitId, value: a.value, source: a.source },
    },
  ]);
  return saved;
}
