import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { Principal } from './principal.js';

const ALL = '*';

/**
 * The session's principal (user, roles, unit scope) for a few seconds, so that an authenticated request does
 * not cost a database round trip. Access is never wider than the database says for longer than that: every
 * change that narrows it (a user disabled, reset, re-roled; a unit moved) drops the entries at once here and,
 * through Redis pub/sub, on every other instance. While the subscription is not up (Redis down, starting),
 * nothing is cached; a change written behind the service's back shows within PRINCIPAL_CACHE_SECONDS.
 */
@Injectable()
export class PrincipalCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PrincipalCache');
  private readonly entries = new Map<string, { principal: Principal; expires: number }>();
  private subscriber?: Redis;
  private publisher?: Redis;
  private readonly channel: string;
  /** Subscribed to invalidations: only then may an entry be trusted (nothing could have been missed). */
  private live = false;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.channel = `${config.REDIS_KEY_PREFIX}principal-invalidate`;
  }

  onModuleInit() {
    if (this.config.PRINCIPAL_CACHE_SECONDS === 0) return;
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n: number) => Math.min(n * 500, 5000) };
    this.subscriber = new Redis(this.config.REDIS_URL, options);
    this.publisher = new Redis(this.config.REDIS_URL, options);
    this.publisher.on('error', () => undefined);
    // While nobody can tell us about changes, nothing cached is used, and whatever was cached is dropped.
    const down = () => {
      this.live = false;
      this.entries.clear();
    };
    this.subscriber.on('error', down).on('close', down);
    this.subscriber.on('ready', () => {
      this.subscriber!.subscribe(this.channel).then(
        () => (this.live = true),
        () => down(),
      );
    });
    this.subscriber.on('message', (_channel: string, userId: string) => this.drop(userId));
  }

  get(userId: string, sessionVersion: number): Principal | undefined {
    const key = `${userId}:${sessionVersion}`;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (!this.live || hit.expires <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.principal;
  }

  set(userId: string, sessionVersion: number, principal: Principal): void {
    if (!this.live) return;
    // Bounded: a burst of distinct users cannot grow the map without end.
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(`${userId}:${sessionVersion}`, { principal, expires: this.clock.now().getTime() + this.config.PRINCIPAL_CACHE_SECONDS * 1000 });
  }

  /** After a change that affects one user's access (or, with no id, anybody's: a unit moved): here and everywhere. */
  async invalidate(userId: string = ALL): Promise<void> {
    this.drop(userId);
    await this.publisher?.publish(this.channel, userId).catch((e: Error) => this.logger.warn(`权限缓存失效通知未能发出（Redis）：${e.message}；其他实例将在 ${this.config.PRINCIPAL_CACHE_SECONDS} 秒内更新`));
  }

  private drop(userId: string) {
    if (userId === ALL) return this.entries.clear();
    for (const key of this.entries.keys()) if (key.startsWith(`${userId}:`)) this.entries.delete(key);
  }

  onModuleDestroy() {
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}
