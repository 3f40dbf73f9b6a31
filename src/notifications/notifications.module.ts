import { Module } from '@nestjs/common';
import { EmailSender } from './channels/email.sender.js';
import { WebhookSender } from './channels/webhook.sender.js';
import { DeliveryService } from './delivery.service.js';
import { DigestService } from './digest.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** The inbox, the digests and their delivery per channel. Reminders and notices write into its ledger. */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, DigestService, DeliveryService, EmailSender, WebhookSender],
  exports: [DigestService, DeliveryService],
})
export class NotificationsModule {}
