import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { ReminderScanService } from './reminder-scan.service.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';

/** Rules per plan, the daily scan per plan into the notification ledger, mutes and the preview. */
@Module({ imports: [NotificationsModule, NoticesModule], controllers: [RemindersController, CalendarController], providers: [RemindersService, ReminderScanService, CalendarService], exports: [RemindersService] })
export class RemindersModule {}
