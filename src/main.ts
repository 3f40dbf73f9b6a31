import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { setupApp } from './app.setup.js';
import { loadConfigOrExit } from './config/app-config.js';
import { createLogger, PinoNestLogger } from './common/logger.js';

async function bootstrap() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.create(AppModule, { logger: new PinoNestLogger(logger), bufferLogs: true });
  setupApp(app, logger);
  await app.listen(config.PORT, config.HOST);
  logger.info({ port: config.PORT }, `服务已启动：http://localhost:${config.PORT}/api/docs`);
}

void bootstrap();
