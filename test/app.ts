import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module.js';
import { setupApp } from '../src/app.setup.js';
import { createLogger } from '../src/common/logger.js';
import { PrismaService } from '../src/prisma/prisma.service.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: INestApplication;
  prisma: PrismaService;
  http: ReturnType<INestApplication['getHttpServer']>;
  close: () => Promise<void>;
}

/** The real application on its own fresh database, with the same HTTP setup as main.ts. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: db.url, LOG_LEVEL: 'silent', NODE_ENV: 'test', JWT_SECRET: 'test-secret-'.padEnd(40, 'x'), ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupApp(app, createLogger('silent'));
  await app.init();
  return {
    app,
    prisma: app.get(PrismaService),
    http: app.getHttpServer(),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export const DEMO_PASSWORD = 'Demo-2026-carbon';

/** Logs a demo account in and returns its bearer header value. */
export async function tokenFor(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<string> {
  const { default: request } = await import('supertest');
  const res = await request(t.http).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken}`;
}
