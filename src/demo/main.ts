import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { seedDemo } from './demo-seed.js';

const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
try {
  const { planId, result } = await seedDemo(app, process.env.DEMO_PASSWORD);
  const { created, updated, unchanged } = result.changes;
  process.stdout.write(
    `演示数据已就绪：方案 ${planId}，工作事项 ${result.summary.items} 项（新建 ${created.length}，更新 ${updated.length}，未变 ${unchanged}）\n`,
  );
} finally {
  await app.close();
}
