/** Every BullMQ queue and job of the service, in one place. Payloads are typed per job name. */
export enum QueueName {
  /** Periodic work over the whole database: lights, the outbox sweep. */
  Maintenance = 'maintenance',
}

export enum JobName {
  LightsRecomputeAll = 'lights.recompute-all',
  OutboxSweep = 'outbox.sweep',
  AuditCheckpoint = 'audit.checkpoint',
  AuditSeal = 'audit.seal',
}

/** What each job carries. Jobs only say what to do; the database holds the truth, so a repeated job is harmless. */
export interface JobPayloads {
  [JobName.LightsRecomputeAll]: Record<string, never>;
  [JobName.OutboxSweep]: Record<string, never>;
  [JobName.AuditCheckpoint]: Record<string, never>;
  [JobName.AuditSeal]: Record<string, never>;
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.LightsRecomputeAll]: QueueName.Maintenance,
  [JobName.OutboxSweep]: QueueName.Maintenance,
  [JobName.AuditCheckpoint]: QueueName.Maintenance,
  [JobName.AuditSeal]: QueueName.Maintenance,
};
