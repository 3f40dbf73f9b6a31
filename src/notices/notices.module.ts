import { Module } from '@nestjs/common';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';

/** Supervision notices (督办单); their automatic escalation runs in each plan's reminder scan. */
@Module({ controllers: [NoticesController], providers: [NoticesService], exports: [NoticesService] })
export class NoticesModule {}
