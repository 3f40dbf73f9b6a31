import { fieldOfColumn } from '../common/column-name.js';
import type { Tx } from '../prisma/prisma.service.js';
import type { AuditInput } from '../audit/audit.service.js';
import type { DomainEvent } from '../jobs/outbox.service.js';
import { hasPermission, type Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';

/** What every record with a lifecycle has: an id, an optimistic version and a state. */
export interface LifecycleRow {
  id: string;
  version: number;
  state: string;
}

/** Why a transition may not happen: becomes a problem+json answer (or one entry of a batch's errors). */
export interface Refusal {
  status: 400 | 403 | 404 | 409 | 422;
  code: string;
  message: string;
  /** The request field at fault, relative to the item (`version`, `reason`, `done` …). */
  field?: string;
  extra?: Record<string, unknown>;
}

export interface TransitionContext {
  now: Date;
  principal: Principal;
}

/** One request to move one record: the version the caller read, and what the transition needs. */
export interface TransitionRequest<I = unknown> {
  id: string;
  version: number;
  reason?: string;
  input?: I;
}

export interface TransitionSpec<R extends LifecycleRow, I = unknown> {
  /** Audit action and outbox event type (`report.signed_off`). */
  event: string;
  /** What users call it (「审核报送」), for messages. */
  label: string;
  from: readonly R['state'][];
  to: R['state'];
  /** The route-level permission; checked again here so that no path (single, batch, job) can skip it. */
  permission: Permission;
  /** Row-level: may this caller move this record? (a unit writes only its own reports). */
  actor?(p: Principal, row: R): Refusal | null;
  /** Preconditions on the locked record and the input (a sign-off needs the content filled in). */
  guard?(row: R, input: I | undefined, ctx: TransitionContext): Refusal | null;
  reason?: 'required';
  /** The error code when the record is in a state the transition does not start from (default `<NAME>.BAD_STATE`). */
  stateCode?: string;
  /** Columns (database names) the transition writes besides state and version. Same keys for every row. */
  set?(row: R, request: TransitionRequest<I>, ctx: TransitionContext): Record<string, unknown>;
  /**
   * True when the request would leave the record as it is (a save of the content already stored, in the
   * state the save leads to). Such a request is checked like any other, then the record is returned
   * untouched: no new version, revision, audit or domain event. The history then shows only real changes:
   * a unit head signing off drafts as they stand is not recorded as having edited them.
   */
  unchanged?(row: R, request: TransitionRequest<I>): boolean;
}

export interface LifecycleSpec<R extends LifecycleRow> {
  name: string;
  /** Audit entity type. */
  entityType: string;
  /** What users call a record (「进展报告」), for messages. */
  subject: string;
  notFoundCode: string;
  table: string;
  /** The column holding the state (rows expose it as `state` whatever its name). */
  stateColumn: string;
  /** The PostgreSQL enum (or text) type of the state column, quoted as in SQL: `"ReportState"`. */
  stateType: string;
  /** SQL types of the columns transitions may set, for the set-based update. */
  columns: Record<string, string>;
  /** Columns maintained on every write (`updated_at`). */
  touch?: string[];
  states: Record<R['state'], string>;
  transitions: Record<string, TransitionSpec<R, any>>;
  /** Locks the records (and what their guards read) for the rest of the transaction. */
  lock(tx: Tx, ids: string[]): Promise<void>;
  /** The records through the caller's read scope: a record outside it does not exist for the caller. */
  load(tx: Tx, p: Principal, ids: string[]): Promise<R[]>;
  /** The record as the API shows it (a stale write answers 409 with it). */
  view(row: R): unknown;
  /**
   * The record after a transition, from the record before and the columns the update wrote (database
   * names, as returned by PostgreSQL; the state also as `__state`). Saves loading the records a second time.
   * Declare it (usually as `mergeWritten`) only when no relation or derived field of the loaded record
   * depends on a column a transition writes; otherwise the runner loads the records again.
   */
  merge?(before: R, written: Record<string, unknown>): R;
  /**
   * What the change leaves behind besides the row itself: revisions, audit events and domain events.
   * Runs in the transaction, after the update, with the rows as they were and as they are.
   */
  record(tx: Tx, changes: { before: R; after: R; request: TransitionRequest }[], transition: TransitionSpec<R>, ctx: TransitionContext): Promise<{ audit: AuditInput[]; events: DomainEvent[] }>;
}

/** The usual `merge`: the written columns, renamed to the row's fields (`next_steps` → `nextSteps`), over the record before. */
export function mergeWritten<R extends LifecycleRow>(before: R, written: Record<string, unknown>): R {
  const row: Record<string, unknown> = { ...(before as unknown as Record<string, unknown>) };
  for (const [column, value] of Object.entries(written)) row[column === '__state' ? 'state' : fieldOfColumn(column)] = value;
  return row as R;
}

/** Declares a lifecycle; the identity function keeps the row type flowing into every transition. */
export function defineLifecycle<R extends LifecycleRow>(spec: LifecycleSpec<R>): LifecycleSpec<R> {
  return spec;
}

/**
 * Everything the runner decides about one record before it writes, as a pure function of the declared
 * lifecycle, the caller and the locked record, so that the truth tables test exactly what runs.
 * Order: permission, actor, state, version, reason, guard.
 */
export function checkTransition<R extends LifecycleRow>(
  spec: LifecycleSpec<R>,
  name: string,
  p: Principal,
  row: R,
  request: TransitionRequest,
  ctx: TransitionContext,
): Refusal | null {
  const t = spec.transitions[name];
  if (!t) throw new Error(`unknown transition ${spec.name}.${name}`);
  if (!hasPermission(p.roles, t.permission)) return { status: 403, code: 'AUTH.FORBIDDEN', message: `无权${t.label}` };
  const actor = t.actor?.(p, row);
  if (actor) return actor;
  if (!t.from.includes(row.state)) {
    const stateName = spec.states[row.state as R['state']] ?? row.state;
    return { status: 409, code: t.stateCode ?? `${spec.name.toUpperCase()}.BAD_STATE`, message: `${spec.subject}当前为「${stateName}」状态，不能${t.label}`, field: 'state', extra: { state: row.state } };
  }
  if (request.version !== row.version) {
    return {
      status: 409,
      code: `${spec.name.toUpperCase()}.VERSION_CONFLICT`,
      message: `${spec.subject}已被他人修改（当前版本 ${row.version}），请刷新后再提交`,
      field: 'version',
      extra: { currentVersion: row.version },
    };
  }
  if (t.reason === 'required' && !request.reason?.trim()) return { status: 400, code: 'VALIDATION', message: `${t.label}须说明原因`, field: 'reason' };
  return t.guard?.(row, request.input, ctx) ?? null;
}

