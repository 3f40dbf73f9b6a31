import { Prisma } from '../generated/prisma/client.js';
import type { AssignmentRole, AssignmentSource } from '../generated/prisma/enums.js';
import type { Tx } from '../prisma/prisma.service.js';
import { reconcileAssignments, type AffectedReport, type DesiredAssignment } from './assignment-reconciler.js';
import type { ParsedRow } from './parsing/row-parser.js';
import type { UnitMention } from './parsing/unit-splitter.js';
import type { DirectoryUnit } from './parsing/unit-directory.js';

interface DesiredItem {
  key: string;
  seq: string;
  itemNo: number;
  sortKey: number;
  sourceLine: number;
  area: { label: string | null; title: string } | null;
  measure: { label: string | null; title: string } | null;
  fields: { text: string; leadText: string | null; supportingText: string | null; deadlineText: string | null; unassigned: boolean };
  assignments: DesiredAssignment[];
  targets: { year: number | null; comparator: string; value: string | null; unit: string | null; baselineYear: number | null; firmness: string | null; text: string; position: number }[];
  deadlines: { kind: string; date: string | null; periodStart: string | null; before: boolean; basis: string; text: string; position: number }[];
}

export interface ImportChanges {
  created: { seq: string; item: number }[];
  updated: { seq: string; item: number; fields: string[] }[];
  unchanged: number;
  /** Items of the plan that the file no longer lists. They are kept: reports may hang off them. */
  notInFile: { seq: string; item: number }[];
  /** Assignments of changed items: units no longer listed are ended (never deleted), returning ones reactivated. */
  assignments: { added: number; ended: number; reactivated: number };
  /** Reports whose unit left an item or changed role on it: kept, and listed so the office can follow up. */
  affectedReports: AffectedReport[];
}

const itemKey = (seq: string, itemNo: number) => `${seq}-${itemNo}`;

/** Turns leads, supporting units and the plan's implicit units into one assignment per unit, fanning collectives out. */
function assignmentsFor(row: ParsedRow, implicit: DirectoryUnit[]): DesiredAssignment[] {
  const out: DesiredAssignment[] = [];
  const taken = new Set<string>();
  const add = (unitId: string, a: Omit<DesiredAssignment, 'unitId' | 'position'>) => {
    if (taken.has(unitId)) return;
    taken.add(unitId);
    out.push({ unitId, ...a, position: out.length });
  };
  const addUnit = (unit: DirectoryUnit, role: AssignmentRole, principal: boolean, source: AssignmentSource, cellText: string | null) => {
    add(unit.id, { role, principal, source, viaUnitId: null, cellText });
    for (const member of unit.members ?? []) add(member.id, { role, principal: false, source: 'fanout', viaUnitId: unit.id, cellText });
  };
  const fromMentions = (mentions: UnitMention[], role: AssignmentRole, cellText: string | null) =>
    mentions.forEach((m, i) => {
      if (m.resolution.status !== 'unknown') addUnit(m.resolution.unit, role, role === 'lead' && i === 0, 'table', cellText);
    });
  // From the text: the clause the units were read from (「（牵头单位：…）」), as printed.
  const textSource = row.responsibilitySource === 'text' ? (row.responsibilityClause ?? row.text) : null;
  fromMentions(row.leads, 'lead', row.leadText ?? textSource);
  fromMentions(row.supporting, 'supporting', row.supportingText ?? textSource);
  for (const unit of implicit) addUnit(unit, 'supporting', false, 'implicit', null);
  return out;
}

export function desiredItems(parsed: ParsedRow[], implicit: DirectoryUnit[]): DesiredItem[] {
  return parsed.map((row, index) => ({
    key: itemKey(row.seq, row.itemNo),
    seq: row.seq,
    itemNo: row.itemNo,
    sortKey: index + 1,
    sourceLine: row.line,
    area: row.area ?? null,
    measure: row.measure ?? null,
    fields: { text: row.text, leadText: row.leadText, supportingText: row.supportingText, deadlineText: row.deadlineText, unassigned: row.leads.length === 0 },
    assignments: assignmentsFor(row, implicit),
    targets: row.targets.map((t, position) => ({
      year: t.year,
      comparator: t.comparator,
      value: t.value === null ? null : new Prisma.Decimal(t.value).toFixed(4),
      unit: t.unit,
      baselineYear: t.baselineYear,
      firmness: t.firmness,
      text: t.text,
      position,
    })),
    deadlines: row.deadlines.map((d, position) => ({ kind: d.kind, date: d.date, periodStart: d.periodStart, before: d.before, basis: d.basis, text: d.text, position })),
  }));
}

const existingInclude = { assignments: { orderBy: { position: 'asc' } }, targets: { orderBy: { position: 'asc' } }, deadlines: { orderBy: { position: 'asc' } }, node: true, area: true } satisfies Prisma.WorkItemInclude;
type Existing = Prisma.WorkItemGetPayload<{ include: typeof existingInclude }>;

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The same shape as DesiredItem, read back from the database, for comparison. */
function comparable(e: Existing) {
  return {
    sortKey: e.sortKey,
    area: e.area?.title ?? null,
    measure: e.node?.level === 'measure' ? e.node.title : null,
    text: e.text,
    leadText: e.leadText,
    supportingText: e.supportingText,
    deadlineText: e.deadlineText,
    unassigned: e.unassigned,
    assignments: e.assignments.filter((a) => !a.endedAt).map(({ unitId, role, principal, source, viaUnitId, cellText, position }) => ({ unitId, role, principal, source, viaUnitId, cellText, position })),
    targets: e.targets.map(({ year, comparator, value, unit, baselineYear, firmness, text, position }) => ({
      year,
      comparator,
      value: value === null ? null : value.toFixed(4),
      unit,
      baselineYear,
      firmness,
      text,
      position,
    })),
    deadlines: e.deadlines.map(({ kind, date, periodStart, before, basis, text, position }) => ({ kind, date: isoDate(date), periodStart: isoDate(periodStart), before, basis, text, position })),
  };
}

function changedFields(d: DesiredItem, e: Existing): string[] {
  const want = { sortKey: d.sortKey, area: d.area?.title ?? null, measure: d.measure?.title ?? null, ...d.fields, assignments: d.assignments, targets: d.targets, deadlines: d.deadlines };
  const have = comparable(e);
  return (Object.keys(want) as (keyof typeof want)[]).filter((k) => JSON.stringify(want[k]) !== JSON.stringify(have[k]));
}

/** Creates the area and measure nodes the file names and returns their ids by title. */
async function ensureNodes(tx: Tx, planId: string, items: DesiredItem[]) {
  const existing = await tx.planNode.findMany({ where: { planId } });
  const key = (level: string, parentKey: string, title: string) => `${level}|${parentKey}|${title}`;
  const ids = new Map(existing.map((n) => [key(n.level, n.parentKey, n.title), n.id]));
  let position = existing.reduce((max, n) => Math.max(max, n.position), 0);
  const areaId = (title: string) => ids.get(key('area', '', title));

  const newAreas = new Map<string, { label: string | null; title: string }>();
  for (const item of items) if (item.area && !areaId(item.area.title)) newAreas.set(item.area.title, item.area);
  if (newAreas.size) {
    const created = await tx.planNode.createManyAndReturn({
      data: [...newAreas.values()].map((a) => ({ planId, level: 'area' as const, label: a.label, title: a.title, parentKey: '', position: ++position })),
    });
    for (const n of created) ids.set(key('area', '', n.title), n.id);
  }
  const newMeasures = new Map<string, { parentId: string | null; label: string | null; title: string }>();
  for (const item of items) {
    if (!item.measure) continue;
    const parentId = item.area ? areaId(item.area.title)! : null;
    const k = key('measure', parentId ?? '', item.measure.title);
    if (!ids.has(k)) newMeasures.set(k, { parentId, label: item.measure.label, title: item.measure.title });
  }
  if (newMeasures.size) {
    const created = await tx.planNode.createManyAndReturn({
      data: [...newMeasures.values()].map((m) => ({ planId, level: 'measure' as const, parentId: m.parentId, parentKey: m.parentId ?? '', label: m.label, title: m.title, position: ++position })),
    });
    for (const n of created) ids.set(key('measure', n.parentKey, n.title), n.id);
  }
  return (item: DesiredItem) => {
    const area = item.area ? (areaId(item.area.title) ?? null) : null;
    const measure = item.measure ? (ids.get(key('measure', area ?? '', item.measure.title)) ?? null) : null;
    return { areaId: area, nodeId: measure ?? area };
  };
}

function childRows(workItemId: string, d: DesiredItem) {
  return {
    targets: d.targets.map((t) => ({ ...t, comparator: t.comparator as Prisma.TargetCreateManyInput['comparator'], firmness: t.firmness as Prisma.TargetCreateManyInput['firmness'], workItemId })),
    deadlines: d.deadlines.map((x) => ({
      ...x,
      kind: x.kind as Prisma.DeadlineCreateManyInput['kind'],
      date: x.date ? new Date(x.date) : null,
      periodStart: x.periodStart ? new Date(x.periodStart) : null,
      workItemId,
    })),
  };
}

/**
 * Writes the file's items into the plan inside the caller's transaction, touching only what changed: an
 * identical re-import writes nothing, a corrected one updates the matching items (by 序号 and item number)
 * and reports each changed field. Assignments are reconciled in place, never deleted (see
 * assignment-reconciler.ts); targets and deadlines, which nobody reports on, are replaced.
 */
export async function writeItems(tx: Tx, planId: string, items: DesiredItem[], importRunId: string, now: Date): Promise<ImportChanges & { changedItemIds: string[] }> {
  const existing = await tx.workItem.findMany({ where: { planId }, include: existingInclude });
  const byKey = new Map(existing.map((e) => [itemKey(e.seq, e.itemNo), e]));
  const nodeOf = await ensureNodes(tx, planId, items);
  const changes: ImportChanges = { created: [], updated: [], unchanged: 0, notInFile: [], assignments: { added: 0, ended: 0, reactivated: 0 }, affectedReports: [] };
  const toCreate: DesiredItem[] = [];
  const changed: { id: string; item: DesiredItem; stored: Existing['assignments'] }[] = [];

  for (const item of items) {
    const current = byKey.get(item.key);
    if (!current) {
      toCreate.push(item);
      continue;
    }
    const fields = changedFields(item, current);
    if (fields.length === 0) {
      changes.unchanged++;
      continue;
    }
    changes.updated.push({ seq: item.seq, item: item.itemNo, fields });
    await tx.workItem.update({ where: { id: current.id }, data: { ...item.fields, ...nodeOf(item), sortKey: item.sortKey, sourceLine: item.sourceLine } });
    changed.push({ id: current.id, item, stored: current.assignments });
  }
  const seen = new Set(items.map((i) => i.key));
  changes.notInFile = existing.filter((e) => !seen.has(itemKey(e.seq, e.itemNo))).map((e) => ({ seq: e.seq, item: e.itemNo }));

  if (changed.length) {
    const ids = changed.map((r) => r.id);
    await tx.target.deleteMany({ where: { workItemId: { in: ids } } });
    await tx.deadline.deleteMany({ where: { workItemId: { in: ids } } });
  }
  if (toCreate.length) {
    const created = await tx.workItem.createManyAndReturn({
      data: toCreate.map((item) => ({ planId, seq: item.seq, itemNo: item.itemNo, sortKey: item.sortKey, sourceLine: item.sourceLine, ...item.fields, ...nodeOf(item) })),
      select: { id: true, seq: true, itemNo: true },
    });
    const idByKey = new Map(created.map((c) => [itemKey(c.seq, c.itemNo), c.id]));
    for (const item of toCreate) {
      changed.push({ id: idByKey.get(item.key)!, item, stored: [] });
      changes.created.push({ seq: item.seq, item: item.itemNo });
    }
  }
  const children = changed.map(({ id, item }) => childRows(id, item));
  const targets = children.flatMap((c) => c.targets);
  const deadlines = children.flatMap((c) => c.deadlines);
  if (targets.length) await tx.target.createMany({ data: targets });
  if (deadlines.length) await tx.deadline.createMany({ data: deadlines });
  const reconciled = await reconcileAssignments(
    tx,
    importRunId,
    now,
    changed.map(({ id, item, stored }) => ({ workItemId: id, seq: item.seq, itemNo: item.itemNo, desired: item.assignments, stored })),
  );
  changes.assignments = { added: reconciled.added, ended: reconciled.ended, reactivated: reconciled.reactivated };
  changes.affectedReports = reconciled.affectedReports;
  return { ...changes, changedItemIds: changed.map((c) => c.id) };
}
