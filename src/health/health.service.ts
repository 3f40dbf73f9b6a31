import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { OutboxService } from '../jobs/outbox.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { ReadReplica } from '../prisma/read-replica.js';
import { connected, REDIS } from '../redis/redis.module.js';

type Check = { status: 'up' | 'down'; error?: string };

const TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref())]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly outbox: OutboxService,
  ) {}

  async readiness() {
    const replica = this.prisma.readReplica;
    const [postgres, redis, replicaCheck] = await Promise.all([
      this.check(() => this.prisma.$queryRaw`SELECT 1`),
      this.check(async () => (await connected(this.redis)).ping()),
      replica ? this.replicaCheck(replica) : undefined,
    ]);
    const status = postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'unavailable';
    // The backlog tells operators whether background delivery keeps up; it never decides readiness.
    const outbox = postgres.status === 'up' ? await withTimeout(this.outbox.stats()).catch(() => undefined) : undefined;
    const notifications = postgres.status === 'up' ? await withTimeout(this.deliveryStats()).catch(() => undefined) : undefined;
    // A replica out of reach never decides readiness either: its reads go to the primary meanwhile.
    return { status, checks: { postgres, redis, ...(replicaCheck ? { replica: replicaCheck } : {}) }, ...(outbox ? { outbox } : {}), ...(notifications ? { notifications } : {}) };
  }

  /** Reminder deliveries waiting (email, robots) and parked as dead letters for the office. */
  private async deliveryStats(): Promise<{ pending: number; dead: number }> {
    const [row] = await this.prisma.$queryRaw<{ pending: bigint; dead: bigint }[]>`
      SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'dead') AS dead
      FROM notification_deliveries WHERE status <> 'sent'`;
    return { pending: Number(row.pending), dead: Number(row.dead) };
  }

  private async replicaCheck(replica: ReadReplica): Promise<Check & { lagSeconds?: number }> {
    let lagSeconds: number | undefined;
    const check = await this.check(async () => (lagSeconds = await replica.lagSeconds()));
    return lagSeconds === undefined ? check : { ...check, lagSeconds };
  }

  private async check(fn: () => Promise<unknown>): Promise<Check> {
    try {
      await withTimeout(fn());
      return { status: 'up' };
    } catch (e) {
      return { status: 'down', error: e instanceof Error ? e.message : String(e) };
    }
  }
}
