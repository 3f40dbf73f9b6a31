import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { loadConfigOrExit } from './config/app-config.js';

/**
 * `npm run worker`: the job workers and schedules without HTTP, so that the API and the background work
 * can be scaled apart. Run the API with JOBS_ENABLED=false next to one or more of these.
 */
async function bootstrap() {
  process.env.JOBS_ENABLED = 'true';
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: new PinoNestLogger(logger), bufferLogs: true });
  app.enableShutdownHooks();
  logger.info('后台任务进程已启动（定时任务、事件补发）');
}

void bootstrap();
