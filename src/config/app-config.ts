import { plainToInstance, Transform } from 'class-transformer';
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

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL 必须是 postgresql:// 连接串' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL 必须是 redis:// 连接串' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key, so that several deployments (or test runs) can share one Redis. */
  @Matches(/^[\w:.-]{1,50}$/, { message: 'REDIS_KEY_PREFIX 只能包含字母、数字和 _ : . -' })
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
  @MinLength(32, { message: 'JWT_SECRET 至少 32 个字符' })
  JWT_SECRET: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 7;

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

  @IsOptional()
  @IsString()
  @MinLength(1)
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD 至少 12 个字符' })
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
