import { Injectable } from '@nestjs/common';
import { AuditService, type AuditInput } from '../audit/audit.service.js';
import { Clock } from '../clock/clock.js';
import { DomainError } from '../common/domain-error.js';
import { Prisma } from '../generated/prisma/client.js';
import { OutboxService, type DomainEvent } from '../jobs/outbox.service.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import type { Principal } from '../access/principal.js';
import { checkTransition, type LifecycleRow, type LifecycleSpec, type Refusal, type TransitionContext, type TransitionRequest } from './lifecycle.js';

/** How a batch names its items in errors: `items[3].version`, and the id field (`items[3].reportId`). */
export interface BatchPath {
  path: string;
  idField: string;
}

/** A transaction in which lifecycles move; its domain events are delivered after the commit. */
export interface WorkflowTx {
  tx: Tx;
  now: Date;
  /**
   * `current`: the records as an earlier `apply` of this transaction returned them (so already locked and
   * as they are now); the runner then neither locks nor loads them again. Pass nothing when the
   * transaction wrote them any other way since.
   */
  apply<R extends LifecycleRow>(spec: LifecycleSpec<R>, transition: string, p: Principal, requests: TransitionRequest[], batch?: BatchPath, current?: R[]): Promise<R[]>;
  /**
   * Events of changes that are not transitions (a record created, an import committed). These and the audit
   * inputs are written when the transaction ends, as they are then: do not change them after handing them over.
   */
  announce(events: DomainEvent[]): Promise<void>;
  audit(inputs: AuditInput[]): Promise<void>;
}

/** What a transaction's steps recorded, written together before it commits. */
interface Pending {
  audit: AuditInput[];
  events: DomainEvent[];
}

// When a batch is refused for several reasons, the answer carries the most fundamental one.
const PRECEDENCE = [404, 403, 409, 422, 400];

/**
 * The one transition runner. For one record or many, in one transaction: lock the records, load them
 * through the caller's read scope, check permission, actor, state, version, reason and guards (all from
 * the declared lifecycle), write state and columns set-based on the checked version, then the lifecycle's
 * revisions; its audit and outbox events are written once for the whole transaction, before it commits. The single and batch routes both come here, so they cannot
 * disagree; the checks run on locked rows, so a concurrent write cannot slip between check and write.
 */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly auditLog: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async transaction<T>(fn: (w: WorkflowTx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
    const eventIds: bigint[] = [];
    const now = this.clock.now();
    const result = await this.prisma.$transaction(
      async (tx) => {
        // Audit and outbox events wait for the end of the transaction, in the order they came: one insert
        // each however many transitions ran (a batch sign-off is two), instead of one each per transition.
        // Nothing in a transaction reads them back; they are sealed and delivered after the commit.
        const pending: Pending = { audit: [], events: [] };
        const w: WorkflowTx = {
          tx,
          now,
          apply: (spec, transition, p, requests, batch, current) => this.applyIn(tx, now, pending, spec, transition, p, requests, batch, current),
          announce: async (events) => void pending.events.push(...events),
          audit: async (inputs) => void pending.audit.push(...inputs),
        };
        const value = await fn(w);
        await this.auditLog.recordMany(tx, pending.audit);
        eventIds.push(...(await this.outbox.add(tx, pending.events)));
        return value;
      },
      { timeout: options.timeout ?? 60_000, maxWait: 10_000 },
    );
    // After the commit, so subscribers (lights) read what was written; a failure stays in the outbox for the sweep.
    this.auditLog.sealSoon();
    await this.outbox.dispatch(eventIds);
    return result;
  }

  /** One transition of one record. */
  async apply<R extends LifecycleRow>(spec: LifecycleSpec<R>, transition: string, p: Principal, request: TransitionRequest): Promise<R> {
    const [row] = await this.transaction((w) => w.apply(spec, transition, p, [request]));
    return row;
  }

  /**
   * A guarded write that does not move the record (an evidence upload): the record is locked and checked
   * as for `asTransition` (except the version), then `fn` runs in the same transaction.
   */
  async withLocked<R extends LifecycleRow, T>(spec: LifecycleSpec<R>, asTransition: string, p: Principal, id: string, fn: (w: WorkflowTx, row: R) => Promise<T>): Promise<T> {
    return this.transaction(async (w) => {
      await spec.lock(w.tx, [id]);
      const [row] = await spec.load(w.tx, p, [id]);
      const refusal = row ? checkTransition(spec, asTransition, p, row, { id, version: row.version }, { now: w.now, principal: p }) : this.notFound(spec);
      if (refusal) throw this.single(spec, refusal, row);
      return fn(w, row);
    });
  }

  private async applyIn<R extends LifecycleRow>(
    tx: Tx,
    now: Date,
    pending: Pending,
    spec: LifecycleSpec<R>,
    name: string,
    p: Principal,
    requests: TransitionRequest[],
    batch?: BatchPath,
    current?: R[],
  ): Promise<R[]> {
    const t = spec.transitions[name];
    const ctx: TransitionContext = { now, principal: p };
    const ids = requests.map((r) => r.id);
    if (new Set(ids).size !== ids.length) {
      throw new DomainError('WORKFLOW.DUPLICATE', 400, `同一${spec.subject}在请求中出现多次`, [{ field: batch ? `${batch.path}` : 'id', message: '重复' }]);
    }
    const known = current && new Map(current.map((r) => [r.id, r]));
    const before = known && ids.every((id) => known.has(id)) ? known : await this.lockAndLoad(tx, spec, p, ids);
    const refusals = requests.flatMap((request, index) => {
      const row = before.get(request.id);
      const refusal = row ? checkTransition(spec, name, p, row, request, ctx) : this.notFound(spec);
      return refusal ? [{ index, refusal, row }] : [];
    });
    if (refusals.length) {
      throw batch ? this.batchError(batch, refusals) : this.single(spec, refusals[0].refusal, refusals[0].row);
    }

    // Checked like the rest, but nothing to write: returned as they are.
    const moving = t.unchanged ? requests.filter((request) => !t.unchanged!(before.get(request.id)!, request)) : requests;
    if (moving.length === 0) return requests.map((request) => before.get(request.id)!);
    const sets = moving.map((request) => t.set?.(before.get(request.id)!, request, ctx) ?? {});
    const keys = Object.keys(sets[0] ?? {});
    if (sets.some((s) => Object.keys(s).join() !== keys.join())) throw new Error(`${spec.name}.${name}: set() must return the same columns for every row`);
    const written = await this.update(tx, spec, t.to, keys, moving, sets);
    if (written.length !== moving.length) throw new Error(`${spec.name}.${name}: ${moving.length - written.length} locked rows were not updated`);

    const after = spec.merge
      ? new Map(written.map((w) => [w.id as string, spec.merge!(before.get(w.id as string)!, w)]))
      : new Map((await spec.load(tx, p, moving.map((r) => r.id))).map((r) => [r.id, r]));
    const changes = moving.map((request) => ({ before: before.get(request.id)!, after: after.get(request.id)!, request }));
    const { audit, events } = await spec.record(tx, changes, t, ctx);
    pending.audit.push(...audit);
    pending.events.push(...events);
    return requests.map((request) => after.get(request.id) ?? before.get(request.id)!);
  }

  private async lockAndLoad<R extends LifecycleRow>(tx: Tx, spec: LifecycleSpec<R>, p: Principal, ids: string[]) {
    await spec.lock(tx, ids);
    return new Map((await spec.load(tx, p, ids)).map((r) => [r.id, r]));
  }

  /** State, version and the transition's columns for every row in one statement; returns what it wrote. */
  private update<R extends LifecycleRow>(tx: Tx, spec: LifecycleSpec<R>, to: string, keys: string[], requests: TransitionRequest[], sets: Record<string, unknown>[]) {
    const data = requests.map((r, i) => ({ __id: r.id, __version: r.version, ...sets[i] }));
    const assignments = [
      Prisma.sql`${Prisma.raw(`"${spec.stateColumn}"`)} = ${to}::${Prisma.raw(spec.stateType)}`,
      Prisma.sql`version = t.version + 1`,
      ...(spec.touch ?? []).map((c) => Prisma.raw(`"${c}" = now()`)),
      ...keys.map((k) => Prisma.raw(`"${k}" = x."${k}"`)),
    ];
    const columns = [Prisma.raw('__id uuid'), Prisma.raw('__version int'), ...keys.map((k) => Prisma.raw(`"${k}" ${spec.columns[k] ?? fail(spec, k)}`))];
    // The state twice: as `__state` (rows expose it as `state`) and under its column's own name, which some
    // rows also carry (`status`).
    const returned = [Prisma.raw('t.id'), Prisma.raw('t.version'), Prisma.raw(`t."${spec.stateColumn}" AS "__state"`), ...[spec.stateColumn, ...(spec.touch ?? []), ...keys].map((c) => Prisma.raw(`t."${c}"`))];
    return tx.$queryRaw<Record<string, unknown>[]>`
      UPDATE ${Prisma.raw(spec.table)} t SET ${Prisma.join(assignments)}
      FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS x(${Prisma.join(columns)})
      WHERE t.id = x.__id AND t.version = x.__version
      RETURNING ${Prisma.join(returned)}`;
  }

  private notFound<R extends LifecycleRow>(spec: LifecycleSpec<R>): Refusal {
    return { status: 404, code: spec.notFoundCode, message: `${spec.subject}不存在`, field: 'id' };
  }

  private single<R extends LifecycleRow>(spec: LifecycleSpec<R>, r: Refusal, row: R | undefined): DomainError {
    const extra = r.field === 'version' && row ? { ...r.extra, current: spec.view(row) } : r.extra;
    return new DomainError(r.code, r.status, r.message, r.field && r.status !== 404 ? [{ field: r.field, message: r.message }] : undefined, extra);
  }

  private batchError<R extends LifecycleRow>(batch: BatchPath, refusals: { index: number; refusal: Refusal; row?: R }[]): DomainError {
    const first = [...refusals].sort((a, b) => PRECEDENCE.indexOf(a.refusal.status) - PRECEDENCE.indexOf(b.refusal.status))[0];
    const field = (x: (typeof refusals)[number]) => `${batch.path}[${x.index}].${x.refusal.status === 404 ? batch.idField : (x.refusal.field ?? 'id')}`;
    const stale = refusals.filter((x) => x.refusal.field === 'version' && x.row);
    return new DomainError(
      first.refusal.code,
      first.refusal.status,
      `第 ${first.index + 1} 项：${first.refusal.message}${refusals.length > 1 ? `（共 ${refusals.length} 项有问题）` : ''}；本次未保存任何内容`,
      refusals.map((x) => ({ field: field(x), message: x.refusal.message })),
      stale.length ? { currentVersions: Object.fromEntries(stale.map((x) => [x.row!.id, x.row!.version])) } : undefined,
    );
  }
}

function fail(spec: { name: string }, column: string): never {
  throw new Error(`${spec.name}: column ${column} has no declared SQL type`);
}
