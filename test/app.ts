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
  Object.assign(process.env, { DATABASE_URL: db.url, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
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
