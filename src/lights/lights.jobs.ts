import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { LightsService } from './lights.service.js';

export enum QueueName {
  Lights = 'lights',
}

export enum LightsJob {
  RecomputeAll = 'lights.recompute-all',
}

const DAILY_SCHEDULER_ID = 'lights-daily';

/**
 * The daily recomputation of traffic lights (deadlines come closer without anything else changing).
 * Jobs only say what to recompute; the database holds the truth, so a lost or repeated job is harmless.
 * The schedule is registered with upsertJobScheduler: every instance may do it, only one job results.
 */
@Injectable()
export class LightsJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LightsJobs');
  private queue?: Queue;
  private worker?: Worker;
  private connections: Redis[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly lights: LightsService,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.JOBS_ENABLED) return;
    const connect = () => {
      const c = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 500, 5000) }).on('error', () => undefined);
      this.connections.push(c);
      return c;
    };
    const prefix = `${this.config.REDIS_KEY_PREFIX}bull`;
    this.queue = new Queue(QueueName.Lights, { connection: connect(), prefix });
    this.queue.on('error', (e) => this.logger.warn(`队列不可用：${e.message}`));
    this.worker = new Worker(QueueName.Lights, (job: Job) => this.process(job), { connection: connect(), prefix, concurrency: 1 });
    this.worker.on('error', (e) => this.logger.warn(`任务处理器不可用：${e.message}`));
    // Not awaited: with Redis down the API must still start; the scheduler is registered once Redis answers.
    void this.queue
      .upsertJobScheduler(DAILY_SCHEDULER_ID, { pattern: '0 1 * * *', tz: 'Asia/Shanghai' }, { name: LightsJob.RecomputeAll, data: {}, opts: { removeOnComplete: 100, removeOnFail: 500 } })
      .catch((e: Error) => this.logger.warn(`每日红黄绿灯计算未能登记：${e.message}`));
  }

  /** The registered daily schedule, as Redis holds it (undefined until Redis has answered). */
  async dailySchedule() {
    return this.queue?.getJobScheduler(DAILY_SCHEDULER_ID);
  }

  /** Runs the daily job now through the queue and waits for it (used by tests and operators). */
  async runAllNow(): Promise<void> {
    if (!this.queue || !this.worker) throw new Error('jobs are disabled (JOBS_ENABLED=false)');
    const worker = this.worker;
    const jobId = `recompute-all-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    // Listen before adding, so a job that finishes at once is not missed.
    const finished = new Promise<void>((resolve, reject) => {
      const done = (j: Job) => j.id === jobId && (cleanup(), resolve());
      const failed = (j: Job | undefined, e: Error) => j?.id === jobId && (cleanup(), reject(e));
      const cleanup = () => {
        worker.off('completed', done);
        worker.off('failed', failed);
      };
      worker.on('completed', done);
      worker.on('failed', failed);
    });
    await this.queue.add(LightsJob.RecomputeAll, {}, { jobId, removeOnComplete: true, removeOnFail: 100 });
    await finished;
  }

  private async process(job: Job) {
    if (job.name !== LightsJob.RecomputeAll) throw new Error(`unknown job ${job.name}`);
    const result = await this.lights.recomputeAll();
    this.logger.log(`红黄绿灯已重算：${result.items} 项，变化 ${result.changed} 处`);
    return result;
  }

  async onModuleDestroy() {
    // Drop the connections first: with Redis down, a graceful close would wait for it forever.
    for (const c of this.connections) c.disconnect();
    await this.worker?.close(true).catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }
}
