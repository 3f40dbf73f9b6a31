import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { JobName } from './job-names.js';
import { JobsService } from './jobs.service.js';

/** A domain event as a writer announces it, inside its own transaction. */
export interface DomainEvent {
  /** `report.signed_off`, `extension.approved`, `work_items.changed` … */
  type: string;
  aggregateType: string;
  aggregateId?: string | null;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends DomainEvent {
  id: bigint;
  createdAt: Date;
}

/**
 * A subscriber handles a batch of events and must be idempotent: an event is delivered at least once
 * (again after a crash between handling and marking it done).
 */
export interface OutboxSubscriber {
  name: string;
  /** Event types, or prefixes ending in `*` (`report.*`). */
  types: string[];
  handle(events: StoredEvent[]): Promise<void>;
}

const MAX_ATTEMPTS = 8;
const CLAIM_SECONDS = 120;
// A fresh event is delivered by the process that wrote it, right after its commit; the sweep leaves it
// alone for this long so that the two do not race for it.
const SWEEP_GRACE_SECONDS = 30;

type Row = { id: bigint; type: string; aggregate_type: string; aggregate_id: string | null; payload: Record<string, unknown>; created_at: Date; attempts: number; done_subscribers: string[] };

/**
 * The transactional outbox: writers add events in the transaction of their change; `dispatch` delivers them
 * to the subscribers right after the commit, and the periodic sweep delivers whatever was left (a crash, a
 * failing subscriber), with backoff, until a dead-letter state after MAX_ATTEMPTS.
 */
@Injectable()
export class OutboxService implements OnModuleInit {
  private readonly logger = new Logger('Outbox');
  private readonly subscribers: OutboxSubscriber[] = [];

  constructor(
    private readonly prisma: PrismaService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit() {
    this.jobs.register(JobName.OutboxSweep, () => this.sweep());
  }

  subscribe(subscriber: OutboxSubscriber): void {
    this.subscribers.push(subscriber);
  }

  /** Writes events inside the caller's transaction: they exist if and only if the change does. */
  async add(tx: Tx, events: DomainEvent[]): Promise<bigint[]> {
    if (events.length === 0) return [];
    // One statement whatever the count, in the given order (a batch announces 40 at once; Prisma's
    // createMany spent more time compiling the query than PostgreSQL spent running it).
    const rows = events.map((e, n) => ({ n, type: e.type, aggregate_type: e.aggregateType, aggregate_id: e.aggregateId ?? null, payload: e.payload }));
    // The time of the insert, not the database default (the transaction's start): the sweep's grace period
    // counts from it, and a long transaction must not commit events that already look overdue.
    const now = new Date().toISOString();
    const inserted = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, created_at, available_at)
      SELECT x.type, x.aggregate_type, x.aggregate_id, x.payload, ${now}::timestamptz, ${now}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(n int, type text, aggregate_type text, aggregate_id text, payload jsonb)
      ORDER BY x.n
      RETURNING id`;
    return inserted.map((r) => r.id);
  }

  /** Delivers the given events now (after their commit). A failure is left to the sweep, never thrown. */
  async dispatch(ids: bigint[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.deliver(await this.claim(Prisma.sql`AND id = ANY(${ids}::bigint[])`, ids.length));
    } catch (e) {
      // After the commit: the caller's change is saved, and must not be answered as failed (a pool too busy, a
      // database gone for a moment). The events wait in the outbox for the sweep.
      this.logger.warn(`领域事件即时投递失败，将由补发任务重试：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Delivers what is due: events older than the grace period, and retries whose backoff has passed. */
  async sweep(options: { now?: Date; limit?: number } = {}): Promise<{ delivered: number; failed: number }> {
    const now = options.now ?? new Date();
    const graceEnd = new Date(now.getTime() - SWEEP_GRACE_SECONDS * 1000);
    const rows = await this.claim(Prisma.sql`AND available_at <= ${now} AND (attempts > 0 OR created_at <= ${graceEnd})`, options.limit ?? 500);
    return this.deliver(rows);
  }

  /** Backlog and dead letters, for readiness and operators. */
  async stats(): Promise<{ pending: number; dead: number; oldestPendingAt: string | null }> {
    const [row] = await this.prisma.$queryRaw<{ pending: bigint; dead: bigint; oldest: Date | null }[]>`
      SELECT count(*) FILTER (WHERE processed_at IS NULL AND dead_at IS NULL) AS pending,
             count(*) FILTER (WHERE dead_at IS NOT NULL AND processed_at IS NULL) AS dead,
             min(created_at) FILTER (WHERE processed_at IS NULL AND dead_at IS NULL) AS oldest
      FROM outbox_events WHERE processed_at IS NULL`;
    return { pending: Number(row.pending), dead: Number(row.dead), oldestPendingAt: row.oldest?.toISOString() ?? null };
  }

  /** Puts dead letters back in line (an operator's retry). */
  async retryDead(): Promise<number> {
    return this.prisma.$executeRaw`UPDATE outbox_events SET dead_at = NULL, attempts = 0, available_at = now() WHERE dead_at IS NOT NULL AND processed_at IS NULL`;
  }

  // SKIP LOCKED and the claim time let several processes dispatch side by side without taking the same event.
  private claim(filter: Prisma.Sql, limit: number): Promise<Row[]> {
    return this.prisma.$queryRaw<Row[]>`
      UPDATE outbox_events e SET locked_until = now() + make_interval(secs => ${CLAIM_SECONDS}), attempts = e.attempts + 1
      WHERE e.id IN (
        SELECT id FROM outbox_events
        WHERE processed_at IS NULL AND dead_at IS NULL AND (locked_until IS NULL OR locked_until < now()) ${filter}
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING e.id, e.type, e.aggregate_type, e.aggregate_id, e.payload, e.created_at, e.attempts, e.done_subscribers`;
  }

  private async deliver(rows: Row[]): Promise<{ delivered: number; failed: number }> {
    if (rows.length === 0) return { delivered: 0, failed: 0 };
    const events = rows.map((r) => ({ id: r.id, type: r.type, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, payload: r.payload, createdAt: r.created_at }));
    const failedIds = new Map<bigint, string>();
    for (const subscriber of this.subscribers) {
      const mine = events.filter((e, i) => matches(subscriber.types, e.type) && !rows[i].done_subscribers.includes(subscriber.name));
      if (mine.length === 0) continue;
      try {
        await subscriber.handle(mine);
        await this.prisma.$executeRaw`UPDATE outbox_events SET done_subscribers = array_append(done_subscribers, ${subscriber.name}) WHERE id = ANY(${mine.map((e) => e.id)}::bigint[])`;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.logger.warn(`事件处理失败（${subscriber.name}，${mine.length} 条），稍后重试：${message}`);
        for (const ev of mine) failedIds.set(ev.id, `${subscriber.name}: ${message}`.slice(0, 2000));
      }
    }
    const ok = rows.filter((r) => !failedIds.has(r.id)).map((r) => r.id);
    if (ok.length) await this.prisma.$executeRaw`UPDATE outbox_events SET processed_at = now(), locked_until = NULL, last_error = NULL WHERE id = ANY(${ok}::bigint[])`;
    for (const r of rows.filter((x) => failedIds.has(x.id))) {
      const dead = r.attempts >= MAX_ATTEMPTS;
      // Exponential backoff: 5 s, 10 s, 20 s … capped at an hour.
      const delaySeconds = Math.min(3600, 5 * 2 ** (r.attempts - 1));
      await this.prisma.$executeRaw`
        UPDATE outbox_events SET locked_until = NULL, last_error = ${failedIds.get(r.id)!},
          available_at = now() + make_interval(secs => ${delaySeconds}), dead_at = ${dead ? new Date() : null}
        WHERE id = ${r.id}`;
    }
    return { delivered: ok.length, failed: failedIds.size };
  }
}

function matches(types: string[], type: string): boolean {
  return types.some((t) => (t.endsWith('*') ? type.startsWith(t.slice(0, -1)) : t === type));
}
