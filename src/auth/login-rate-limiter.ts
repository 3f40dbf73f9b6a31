import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Clock } from '../clock/clock.js';
import { DomainError } from '../common/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { connected, REDIS } from '../redis/redis.module.js';

const WINDOW_SECONDS = 60;

/**
 * Login and refresh attempts per client address, in a fixed one-minute window. Counted in Redis so that the
 * limit holds across instances; while Redis is down, each process counts on its own (the limit then holds
 * per instance) instead of letting everything through. Called by the service after the body was validated,
 * so a malformed request is answered 400 without using up anyone's attempts.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger('LoginRateLimit');
  private readonly local = new Map<string, number>();
  private redisDown = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async consume(): Promise<void> {
    const seconds = Math.floor(this.clock.now().getTime() / 1000);
    const window = Math.floor(seconds / WINDOW_SECONDS);
    const key = `login-rate:${requestContext.getStore()?.ip ?? 'unknown'}:${window}`;
    const count = await this.count(key, window);
    if (count > this.config.LOGIN_RATE_LIMIT_PER_MINUTE) {
      const retryAfter = WINDOW_SECONDS - (seconds % WINDOW_SECONDS);
      throw new DomainError('AUTH.RATE_LIMITED', 429, `登录尝试过于频繁，请 ${retryAfter} 秒后再试`, undefined, { retryAfter });
    }
  }

  private async count(key: string, window: number): Promise<number> {
    try {
      const redis = await connected(this.redis);
      const [[, count]] = (await redis.multi().incr(key).expire(key, WINDOW_SECONDS * 2).exec()) as [[Error | null, number]];
      if (this.redisDown) this.logger.log('Redis 已恢复，登录频率限制恢复为跨实例计数');
      this.redisDown = false;
      return count;
    } catch (e) {
      if (!this.redisDown) this.logger.warn(`Redis 不可用（${e instanceof Error ? e.message : e}），登录频率限制暂按本实例计数`);
      this.redisDown = true;
      for (const k of this.local.keys()) if (!k.endsWith(`:${window}`)) this.local.delete(k);
      const count = (this.local.get(key) ?? 0) + 1;
      this.local.set(key, count);
      return count;
    }
  }
}
