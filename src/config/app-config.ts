import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { projectRoot } from '../common/project-root.js';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * Every setting the service reads, validated once at start. Nothing else reads process.env:
 * a misspelt or missing variable stops the service with a message naming it.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: '必须是 postgresql:// 连接串' })
  DATABASE_URL: string;

  /**
   * A streaming replica of DATABASE_URL for reads that may lag a little (the office's dashboard, the ledger
   * export). Unset: everything reads the primary. With it, the replica gets its own pool of DATABASE_POOL_MAX
   * connections; when it fails a read or lags too far, those reads go to the primary.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: '必须是 postgresql:// 连接串' })
  DATABASE_READ_URL?: string;

  /**
   * How far the replica's replay may be behind the primary before those reads go to the primary instead.
   * Measured every few seconds on the replica (docs/decisions.md says what the measure cannot see).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3600)
  DATABASE_READ_MAX_LAG_SECONDS = 30;

  /**
   * Connections this process keeps to PostgreSQL. Each instance holds up to this many, so instances ×
   * DATABASE_POOL_MAX must stay below the server's max_connections (docs/performance.md).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX = 10;

  /**
   * How long a request or job waits for one of those connections, and for a new connection to be
   * established, before it is answered 503 "busy": without a bound it waited for ever when the pool stayed
   * full. A transaction's own `maxWait` longer than this is cut to it.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  @Max(600_000)
  DATABASE_POOL_WAIT_MS = 10_000;

  /**
   * How long a stopping service waits for transactions still running (a request behind a lock, a job) before
   * it leaves them to PostgreSQL, which rolls them back when the process exits. Keep it below the platform's
   * own grace period (Kubernetes: 30 s by default), or the process is killed while it waits.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(600_000)
  DATABASE_SHUTDOWN_WAIT_MS = 10_000;

  @Matches(/^rediss?:\/\/.+/, { message: '必须是 redis:// 连接串' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key, so that several deployments (or test runs) can share one Redis. */
  @Matches(/^[\w:.-]{1,50}$/, { message: '只能包含字母、数字和 _ : . -' })
  REDIS_KEY_PREFIX = 'cpt:';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest task-division file accepted by an import, in bytes. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES = 5 * 1024 * 1024;

  /** Runs the BullMQ worker and registers the daily schedules. */
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  JOBS_ENABLED = true;

  /** Largest evidence file attached to a progress report, in bytes. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

  /** Most data rows one import may carry. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  IMPORT_MAX_ROWS = 5000;

  /** Signs access tokens. At least 32 characters; rotate it to end every session at once. */
  @IsString()
  @MinLength(32, { message: '至少 32 个字符' })
  JWT_SECRET: string;

  /**
   * Signs each audit event (HMAC-SHA-256). Kept outside the database, so that someone who can write the
   * audit table cannot rewrite its history undetected. Never change it: older events would no longer verify.
   */
  @IsString()
  @MinLength(32, { message: '至少 32 个字符' })
  AUDIT_HMAC_KEY: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 7;

  /**
   * How long an authenticated request may reuse the session's loaded principal. Changes that narrow access
   * reach every instance at once through Redis; this is the bound while Redis is down. 0 turns caching off.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(300)
  PRINCIPAL_CACHE_SECONDS = 30;

  /** Failed logins before the account locks. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_LOCK_MINUTES = 15;

  /** Login and refresh attempts per client address per minute, counted in Redis. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /**
   * Outgoing mail server for email digests, `smtp://user:pass@host:587` or `smtps://…:465`. Unset: no email is
   * sent (the in-app inbox and robots still work). Holds a password: never logged.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: '必须是 smtp:// 或 smtps:// 连接串' })
  SMTP_URL?: string;

  /** The sender of email digests. */
  @IsString()
  @MinLength(3)
  SMTP_FROM = '碳达峰跟踪系统 <noreply@localhost>';

  /** Tries of one channel delivery (an email, a robot message) before it is parked as a dead letter. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(20)
  NOTIFY_MAX_ATTEMPTS = 5;

  /** First retry delay of a failed delivery, in milliseconds; it doubles at each further try. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  NOTIFY_RETRY_DELAY_MS = 30_000;

  @IsOptional()
  @IsString()
  @MinLength(1)
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: '至少 12 个字符' })
  ADMIN_PASSWORD?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`配置无效，服务拒绝启动 (invalid configuration):\n${lines.join('\n')}`);
  }
  return config;
}

/**
 * For entry points (service, worker, CLI, demo seed): `.env`, then the settings `npm run demo` wrote to
 * `.data/demo.env`, fill whatever the environment does not set; the environment always wins.
 */
export function loadEnvFiles(root: string = projectRoot()): void {
  for (const file of [join(root, '.env'), join(root, '.data', 'demo.env')]) if (existsSync(file)) process.loadEnvFile(file);
}

/** For entry points: the configuration, or a message naming the bad variable and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(): AppConfig {
  loadEnvFiles();
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
}
