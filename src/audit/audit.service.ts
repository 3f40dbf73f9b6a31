import { createHash, createHmac } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { requestContext } from '../common/request-context.js';
import type { AuditEvent } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** For events without a session (login attempts): who it was about. */
  actor?: { id: string; name: string; unitId: string } | null;
  /** The entity whose history also lists this event (a report's work item); the event keeps its own read rule. */
  related?: { type: string; id: string };
}

const GENESIS = '0'.repeat(64);
// One lock key for the sealer, so that two seals never give out the same place.
const CHAIN_LOCK = 0x617564;

export interface VerifyResult {
  ok: boolean;
  events: number;
  /** Events committed but not linked yet (a seal follows within seconds). */
  pending?: number;
  firstBroken?: { id: string; reason: string };
}

type Hashable = Pick<
  AuditEvent,
  'occurredAt' | 'actorId' | 'actorName' | 'actorUnitId' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'requestId' | 'clientIp' | 'prevHash' | 'relatedType' | 'relatedId' | 'hashVersion'
>;

const KEYED = 2;

/** Version 1 (events written before the chain was keyed): SHA-256, which anyone with the table could recompute. */
export function eventHash(e: Hashable): string {
  return createHash('sha256').update(canonicalV1(e)).digest('hex');
}

/** Version 2: HMAC-SHA-256 with a key the database does not hold; covers the related entity too. */
export function eventHmac(key: string, e: Hashable): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([KEYED, canonicalV1(e), e.relatedType, e.relatedId]))
    .digest('hex');
}

function canonicalV1(e: Hashable): string {
  return JSON.stringify([
    e.occurredAt.toISOString(),
    e.actorId,
    e.actorName,
    e.actorUnitId,
    e.action,
    e.entityType,
    e.entityId,
    e.before ?? null,
    e.after ?? null,
    e.requestId,
    e.clientIp,
    e.prevHash,
  ]);
}

/** Only the fields that changed, before and after. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly logger = new Logger('AuditService');

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {}

  /** Appends an event inside the caller's transaction: if the change rolls back, so does its event. */
  async record(tx: Tx, input: AuditInput): Promise<void> {
    await this.recordMany(tx, [input]);
  }

  /**
   * Appends several events in order with one insert, without waiting for anyone: events are linked into
   * the chain after their commit by `seal`, so that writers of different units no longer queue on one lock.
   */
  async recordMany(tx: Tx, inputs: AuditInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const ctx = requestContext.getStore();
    const occurredAt = new Date().toISOString();
    // One raw statement: events are hashed as PostgreSQL stores them, so how they are sent does not matter,
    // and Prisma's createMany spent more time compiling a batch's 40 events than PostgreSQL spent storing them.
    const rows = inputs.map((input, n) => {
      const actor = input.actor !== undefined ? input.actor : ctx?.actor;
      return {
        n,
        actor_id: actor?.id ?? null,
        actor_name: actor?.name ?? null,
        actor_unit_id: actor?.unitId ?? null,
        action: input.action,
        entity_type: input.entityType,
        entity_id: input.entityId ?? null,
        // Absent, not JSON null: the column stays SQL NULL, as it did with Prisma.
        ...(input.before === null || input.before === undefined ? {} : { before: input.before }),
        ...(input.after === null || input.after === undefined ? {} : { after: input.after }),
        request_id: ctx?.requestId ?? null,
        client_ip: ctx?.ip ?? null,
        related_type: input.related?.type ?? null,
        related_id: input.related?.id ?? null,
      };
    });
    await tx.$executeRaw`
      INSERT INTO audit_events (occurred_at, actor_id, actor_name, actor_unit_id, action, entity_type, entity_id, before, after, request_id, client_ip, related_type, related_id, hash_version)
      SELECT ${occurredAt}::timestamptz, x.actor_id, x.actor_name, x.actor_unit_id, x.action, x.entity_type, x.entity_id, x.before, x.after, x.request_id, x.client_ip, x.related_type, x.related_id, ${KEYED}::smallint
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(n int, actor_id uuid, actor_name text, actor_unit_id uuid, action text, entity_type text, entity_id text, before jsonb, after jsonb, request_id text, client_ip text, related_type text, related_id text)
      ORDER BY x.n`;
    // Not committed yet: a seal shortly after usually finds it; the periodic one always does.
    this.sealSoon(50);
  }

  /**
   * Links every committed, unsealed event into the chain, in the order they are found committed (by id among
   * them): each gets its place, its predecessor's hash and its own HMAC. One sealer at a time (a lock), as many
   * writers as there are. Events are hashed as PostgreSQL stores them, so nothing depends on key order.
   */
  async seal(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const n = await this.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
          // Raw: the sealer runs after every write, and Prisma cost more compiling and mapping these rows than
          // PostgreSQL took to read them. The columns come back as the same JavaScript values (Date, bigint, parsed JSON).
          const pending = await tx.$queryRaw<(Omit<Hashable, 'prevHash'> & { id: bigint })[]>`
            SELECT id, occurred_at AS "occurredAt", actor_id::text AS "actorId", actor_name AS "actorName", actor_unit_id::text AS "actorUnitId",
                   action, entity_type AS "entityType", entity_id AS "entityId", before, after, request_id AS "requestId",
                   client_ip AS "clientIp", related_type AS "relatedType", related_id AS "relatedId", hash_version AS "hashVersion"
            FROM audit_events WHERE chain_seq IS NULL ORDER BY id LIMIT 2000`;
          if (pending.length === 0) return 0;
          const [last] = await tx.$queryRaw<{ chainSeq: bigint; hash: string }[]>`
            SELECT chain_seq AS "chainSeq", hash FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`;
          let prevHash = last?.hash ?? GENESIS;
          let seq = last?.chainSeq ?? 0n;
          const links = pending.map((e) => {
            seq += 1n;
            const hash = eventHmac(this.config.AUDIT_HMAC_KEY, { ...e, prevHash });
            const link = { id: e.id.toString(), seq: seq.toString(), prev: prevHash, hash };
            prevHash = hash;
            return link;
          });
          await tx.$executeRaw`
            UPDATE audit_events a SET chain_seq = x.seq, prev_hash = x.prev, hash = x.hash
            FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(id bigint, seq bigint, prev text, hash text)
            WHERE a.id = x.id AND a.chain_seq IS NULL`;
          return links.length;
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
      sealed += n;
      if (n < 2000) return sealed;
    }
  }

  private sealing?: Promise<void>;
  private sealAgain = false;
  private closing = false;

  /** A seal in the background, coalesced: many writes in a burst cost one or two seals, never one each. */
  sealSoon(delayMs = 0): void {
    // Stopping: a seal begun now would outlive the database's pool; the next process's periodic seal links these events.
    if (this.closing) return;
    if (this.sealing) {
      this.sealAgain = true;
      return;
    }
    this.sealing = (async () => {
      await new Promise((r) => setTimeout(r, delayMs).unref());
      do {
        this.sealAgain = false;
        // The periodic seal retries, and verify seals first; but a seal that keeps failing (a row the chain
        // cannot take) must not be silent: unsealed events are not yet protected.
        await this.seal().catch((e: unknown) => this.logger.warn(`审计事件链接失败，稍后重试：${e instanceof Error ? e.message : String(e)}`));
      } while (this.sealAgain);
      this.sealing = undefined;
    })();
  }

  async onModuleDestroy() {
    this.closing = true;
    await this.sealing;
  }

  /** Outside any other change (login attempts): its own transaction. */
  async recordAlone(input: AuditInput): Promise<void> {
    await this.prisma.$transaction((tx) => this.record(tx, input));
    this.sealSoon();
  }

  /** The entity's own events and those of related entities (a work item's reports), oldest first. */
  async history(entityType: string, entityId: string) {
    const rows = await this.prisma.auditEvent.findMany({
      where: { OR: [{ entityType, entityId }, { relatedType: entityType, relatedId: entityId }] },
      orderBy: { id: 'asc' },
    });
    return rows.map((r) => this.view(r));
  }

  view(r: AuditEvent) {
    return {
      id: r.id.toString(),
      occurredAt: r.occurredAt.toISOString(),
      actor: r.actorId ? { id: r.actorId as string | null, name: r.actorName, unitId: r.actorUnitId } : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      clientIp: r.clientIp,
    };
  }

  /**
   * The head of the chain, signed: stored outside the database (the daily job writes one to the log, an
   * operator may keep them), it lets `verify` prove later that nothing up to it was cut off or rewritten.
   */
  async checkpoint(now: Date): Promise<{ lastId: string; hash: string; at: string; signature: string }> {
    await this.seal();
    const last = await this.prisma.auditEvent.findFirst({ where: { chainSeq: { not: null } }, orderBy: { chainSeq: 'desc' }, select: { id: true, hash: true } });
    const lastId = (last?.id ?? 0n).toString();
    const hash = last?.hash ?? GENESIS;
    const at = now.toISOString();
    const signature = createHmac('sha256', this.config.AUDIT_HMAC_KEY).update(`checkpoint|${lastId}|${hash}|${at}`).digest('hex');
    return { lastId, hash, at, signature };
  }

  /** Walks the chain in order and reports the first event whose hash or link does not hold. */
  async verify(checkpoint?: { lastId: string; hash: string }): Promise<VerifyResult> {
    await this.seal();
    const result = await this.walk();
    if (!result.ok || !checkpoint) return result;
    // A chain cut off at its end still links up: only a head kept elsewhere shows what is missing.
    const kept = await this.prisma.auditEvent.findUnique({ where: { id: BigInt(checkpoint.lastId) }, select: { hash: true } });
    if (!kept) return { ...result, ok: false, firstBroken: { id: checkpoint.lastId, reason: '检查点所记录的事件已不存在（记录被截断）' } };
    if (kept.hash !== checkpoint.hash) return { ...result, ok: false, firstBroken: { id: checkpoint.lastId, reason: '检查点所记录的事件与当时不符（记录被改写）' } };
    return result;
  }

  /** In chain order; events committed after the seal just done are counted as pending, not as broken. */
  private async walk(): Promise<VerifyResult> {
    let prev = GENESIS;
    let count = 0;
    let keyed = false;
    let cursor: bigint | undefined;
    for (;;) {
      const batch = await this.prisma.auditEvent.findMany({ where: { chainSeq: cursor ? { gt: cursor } : { not: null } }, orderBy: { chainSeq: 'asc' }, take: 1000 });
      if (batch.length === 0) {
        const pending = await this.prisma.auditEvent.count({ where: { chainSeq: null } });
        return { ok: true, events: count, ...(pending ? { pending } : {}) };
      }
      for (const e of batch) {
        count++;
        const broken = (reason: string) => ({ ok: false, events: count, firstBroken: { id: e.id.toString(), reason } });
        if (e.prevHash !== prev) return broken('与上一条记录的链接不符（记录被删除或插入）');
        // Once the chain is keyed, an unkeyed event can only be a forgery by someone without the key.
        if (e.hashVersion !== KEYED && keyed) return broken('密钥化之后出现未签名的记录（记录被伪造）');
        const expected = e.hashVersion === KEYED ? eventHmac(this.config.AUDIT_HMAC_KEY, e) : eventHash(e);
        if (expected !== e.hash) return broken('记录内容与其签名不符（记录被篡改，或签名密钥不符）');
        keyed ||= e.hashVersion === KEYED;
        prev = e.hash!;
      }
      cursor = batch.at(-1)!.chainSeq!;
    }
  }
}
