/** Every BullMQ queue and job of the service, in one place. Payloads are typed per job name. */
export enum QueueName {
  /** Periodic work over the whole database: lights, the outbox sweep. */
  Maintenance = 'maintenance',
  /** Reminder scans and channel deliveries (email, robots): slow network calls kept apart from maintenance. */
  Notifications = 'notifications',
}

export enum JobName {
  LightsRecomputeAll = 'lights.recompute-all',
  OutboxSweep = 'outbox.sweep',
  AuditCheckpoint = 'audit.checkpoint',
  AuditSeal = 'audit.seal',
  /** One digest on one channel: the delivery row's id names it (deterministic job id `deliver-<id>-<attempt>`). */
  NotificationDeliver = 'notifications.deliver',
  /** Puts deliveries a crash or a Redis restart left behind back in the queue. */
  NotificationSweep = 'notifications.sweep',
  /** One plan's reminder scan, at the plan's send hour. */
  ReminderScan = 'reminders.scan',
}

/** What each job carries. Jobs only say what to do; the database holds the truth, so a repeated job is harmless. */
export interface JobPayloads {
  [JobName.LightsRecomputeAll]: Record<string, never>;
  [JobName.OutboxSweep]: Record<string, never>;
  [JobName.AuditCheckpoint]: Record<string, never>;
  [JobName.AuditSeal]: Record<string, never>;
  [JobName.NotificationDeliver]: { deliveryId: string };
  [JobName.NotificationSweep]: Record<string, never>;
  [JobName.ReminderScan]: { planId: string };
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.LightsRecomputeAll]: QueueName.Maintenance,
  [JobName.OutboxSweep]: QueueName.Maintenance,
  [JobName.AuditCheckpoint]: QueueName.Maintenance,
  [JobName.AuditSeal]: QueueName.Maintenance,
  [JobName.NotificationDeliver]: QueueName.Notifications,
  [JobName.NotificationSweep]: QueueName.Maintenance,
  [JobName.ReminderScan]: QueueName.Notifications,
};
