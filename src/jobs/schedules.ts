import { JobName } from './job-names.js';

export interface ScheduleDefinition {
  /** The scheduler id in Redis: registering it again replaces it, so every instance may do so. */
  id: string;
  job: JobName;
  repeat: { pattern: string; tz: 'Asia/Shanghai' } | { every: number };
  /** What an operator reads in the queue dashboard and the logs. */
  description: string;
  /** The job's payload (a plan's id for per-plan schedules). */
  data?: Record<string, unknown>;
}

/** The fixed schedules. Schedules that depend on data (per plan) come from their modules at registration time. */
export const SCHEDULES: ScheduleDefinition[] = [
  {
    id: 'lights-daily',
    job: JobName.LightsRecomputeAll,
    // Deadlines come closer without any write: every light is recomputed once a night, Beijing time.
    repeat: { pattern: '0 1 * * *', tz: 'Asia/Shanghai' },
    description: '每日 01:00 重算全部红黄绿灯',
  },
  {
    id: 'outbox-sweep',
    job: JobName.OutboxSweep,
    // Events are delivered right after their commit; the sweep only catches what a crash or an outage left.
    repeat: { every: 15_000 },
    description: '每 15 秒补发未送达的领域事件',
  },
  {
    id: 'audit-seal',
    job: JobName.AuditSeal,
    // Events are sealed right after their commit where the writer can tell; this catches the rest.
    repeat: { every: 5_000 },
    description: '每 5 秒将已提交的审计记录链入审计链',
  },
  {
    id: 'audit-checkpoint-daily',
    job: JobName.AuditCheckpoint,
    // The chain's signed head goes to the log, outside the database: a later cut at the end shows against it.
    repeat: { pattern: '0 2 * * *', tz: 'Asia/Shanghai' },
    description: '每日 02:00 将审计链签名检查点写入日志',
  },
  {
    id: 'notifications-sweep',
    job: JobName.NotificationSweep,
    // Deliveries are queued when the scan writes them; this re-queues what a crash or an emptied Redis lost.
    repeat: { every: 60_000 },
    description: '每分钟补排未送达的提醒消息',
  },
];
