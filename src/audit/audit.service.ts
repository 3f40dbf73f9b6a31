import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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
}

const GENESIS = '0'.repeat(64);
// One lock key for the whole chain: appends are serialised so each event links to the one before.
const CHAIN_LOCK = 0x617564;

type Hashable = Pick<AuditEvent, 'occurredAt' | 'actorId' | 'actorName' | 'actorUnitId' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'requestId' | 'clientIp' | 'prevHash'>;

export function eventHash(e: Hashable): string {
  const canonical = JSON.stringify([
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
  return createHash('sha256').update(canonical).digest('hex');
}

/** Only the fields that changed, before and after. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

@Injectable()
export class AuditService {
  constructor(private readonly prisma: PrismaService) {}

  /** Appends an event inside the caller's transaction: if the change rolls back, so does its event. */
  async record(tx: Tx, input: AuditInput): Promise<void> {
    await this.recordMany(tx, [input]);
  }

  /** Appends several events in order with one lock and one insert (batch writes). */
  async recordMany(tx: Tx, inputs: AuditInput[]): Promise<void> {
    if (inputs.length === 0) return;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
    const last = await tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
    const ctx = requestContext.getStore();
    let prevHash = last?.hash ?? GENESIS;
    const occurredAt = new Date();
    const rows = inputs.map((input) => {
      const actor = input.actor !== undefined ? input.actor : ctx?.actor;
      // JSON columns come back with keys in PostgreSQL's jsonb order: hash what will be read back.
      const event: Hashable = {
        occurredAt,
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? null,
        actorUnitId: actor?.unitId ?? null,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId ?? null,
        before: roundTrip(input.before) as AuditEvent['before'],
        after: roundTrip(input.after) as AuditEvent['after'],
        requestId: ctx?.requestId ?? null,
        clientIp: ctx?.ip ?? null,
        prevHash,
      };
      prevHash = eventHash(event);
      return { ...event, before: event.before ?? undefined, after: event.after ?? undefined, hash: prevHash };
    });
    await tx.auditEvent.createMany({ data: rows as never });
  }

  /** Outside any other change (login attempts): its own transaction. */
  recordAlone(input: AuditInput): Promise<void> {
    return this.prisma.$transaction((tx) => this.record(tx, input));
  }

  async history(entityType: string, entityId: string) {
    const rows = await this.prisma.auditEvent.findMany({ where: { entityType, entityId }, orderBy: { id: 'asc' } });
    return rows.map((r) => ({
      id: r.id.toString(),
      occurredAt: r.occurredAt.toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorName, unitId: r.actorUnitId } : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      clientIp: r.clientIp,
    }));
  }

  /** Walks the chain in order and reports the first event whose hash or link does not hold. */
  async verify(): Promise<{ ok: boolean; events: number; firstBroken?: { id: string; reason: string } }> {
    let prev = GENESIS;
    let count = 0;
    let cursor: bigint | undefined;
    for (;;) {
      const batch = await this.prisma.auditEvent.findMany({ where: cursor ? { id: { gt: cursor } } : {}, orderBy: { id: 'asc' }, take: 1000 });
      if (batch.length === 0) return { ok: true, events: count };
      for (const e of batch) {
        count++;
        if (e.prevHash !== prev) return { ok: false, events: count, firstBroken: { id: e.id.toString(), reason: '与上一条记录的链接不符（记录被删除或插入）' } };
        if (eventHash(e) !== e.hash) return { ok: false, events: count, firstBroken: { id: e.id.toString(), reason: '记录内容与其哈希不符（记录被篡改）' } };
        prev = e.hash;
      }
      cursor = batch.at(-1)!.id;
    }
  }
}

function roundTrip(v: unknown) {
  if (v === null || v === undefined) return null;
  return sortKeys(JSON.parse(JSON.stringify(v)));
}

// jsonb stores object keys ordered by length, then bytes; sorting the same way makes hashes stable.
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => {
      const la = Buffer.byteLength(a);
      const lb = Buffer.byteLength(b);
      return la !== lb ? la - lb : Buffer.compare(Buffer.from(a), Buffer.from(b));
    });
    return Object.fromEntries(entries.map(([k, x]) => [k, sortKeys(x)]));
  }
  return v;
}
