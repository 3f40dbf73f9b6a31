import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service.js';
import { OutboxService } from './outbox.service.js';
import { QueueDashboardController } from './queue-dashboard.controller.js';

/** Queues, workers, schedules and the outbox: every module reaches background work through here. */
@Global()
@Module({ controllers: [QueueDashboardController], providers: [JobsService, OutboxService], exports: [JobsService, OutboxService] })
export class JobsModule {}
