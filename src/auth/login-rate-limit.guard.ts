import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import { connected, REDIS } from '../redis/redis.module.js';

const WINDOW_SECONDS = 60;

/**
 * Limits login and refresh attempts per client address with a fixed one-minute window in Redis, so
 * the count holds across service instances. When Redis is down it lets requests through and says so:
 * the per-account lockout, kept in PostgreSQL, still stops password guessing against one account.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly logger = new Logger('LoginRateLimit');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const window = Math.floor(this.clock.now().getTime() / 1000 / WINDOW_SECONDS);
    const key = `login-rate:${req.ip ?? 'unknown'}:${window}`;
    let count: number;
    try {
      const redis = await connected(this.redis);
      [[, count]] = (await redis.multi().incr(key).expire(key, WINDOW_SECONDS * 2).exec()) as [[Error | null, number]];
    } catch (e) {
      this.logger.warn(`登录频率限制不可用（Redis）：${e instanceof Error ? e.message : e}`);
      return true;
    }
    if (count > this.config.LOGIN_RATE_LIMIT_PER_MINUTE) {
      const retryAfter = WINDOW_SECONDS - (Math.floor(this.clock.now().getTime() / 1000) % WINDOW_SECONDS);
      context.switchToHttp().getResponse().setHeader('Retry-After', String(retryAfter));
      throw new DomainError('AUTH.RATE_LIMITED', 429, `登录尝试过于频繁，请 ${retryAfter} 秒后再试`);
    }
    return true;
  }
}
