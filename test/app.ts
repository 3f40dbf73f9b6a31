import 'reflect-metadata';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { pino } from 'pino';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { setupApp } from '../src/app.setup.js';
import { Clock } from '../src/clock/clock.js';
import { createLogger } from '../src/common/logger.js';
import { PrismaService } from '../src/prisma/prisma.service.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: INestApplication;
  prisma: PrismaService;
  http: ReturnType<INestApplication['getHttpServer']>;
  db: TestDatabase;
  close: () => Promise<void>;
}

/** A clock the test moves by hand: rules that depend on "now" are tested on fixed dates, without sleeping. */
export class TestClock extends Clock {
  constructor(private current = new Date()) {
    super();
  }
  override now(): Date {
    return new Date(this.current);
  }
  set(date: Date) {
    this.current = date;
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  /** Receives every JSON log line the app writes (at info level), to check what logs contain. */
  logLines?: string[];
  /** Another instance on the same database (and Redis keys) as an app already created: scale-out tests. */
  database?: TestDatabase;
}

/** The real application on its own fresh database, with the same HTTP setup as main.ts. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const settings: Record<string, string> = {
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-'.padEnd(40, 'x'),
    AUDIT_HMAC_KEY: 'test-audit-key-'.padEnd(40, 'k'),
    // Each app its own Redis keys and a limit the suite's many logins never reach, unless a test sets one.
    REDIS_KEY_PREFIX: `test:${db.url.split('/').pop()}:`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...options.env,
  };
  // The configuration is read while the app is built; the settings are then put back, so that one app's
  // options (a pool of two, jobs off) do not leak into the next app of the file.
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  try {
    return await buildTestApp(db, options);
  } finally {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function buildTestApp(db: TestDatabase, options: TestAppOptions): Promise<TestApp> {
  let builder = Test.createTestingModule({ imports: [AppModule] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  const lines = options.logLines;
  const logger = lines
    ? pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }))
    : createLogger('silent');
  setupApp(app, logger);
  await app.init();
  return {
    app,
    prisma: app.get(PrismaService),
    http: app.getHttpServer(),
    db,
    close: async () => {
      await app.close();
      // The instance that created the database drops it.
      if (!options.database) await db.drop();
    },
  };
}

export const DEMO_PASSWORD = 'Demo-2026-carbon';

/** Logs a demo account in and returns its bearer header value. */
export async function tokenFor(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await request(t.http).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken}`;
}

/** Requests as one signed-in user: `as(tok.office).post(url, body)`. */
export function asUser(t: TestApp, authorization: string) {
  return {
    get: (url: string) => request(t.http).get(url).set('authorization', authorization),
    put: (url: string, body: object) => request(t.http).put(url).set('authorization', authorization).send(body),
    patch: (url: string, body: object) => request(t.http).patch(url).set('authorization', authorization).send(body),
    post: (url: string, body: object = {}) => request(t.http).post(url).set('authorization', authorization).send(body),
  };
}
