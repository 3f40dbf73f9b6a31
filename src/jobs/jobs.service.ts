import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { JobName, QUEUE_OF, QueueName, type JobPayloads } from './job-names.js';
import { SCHEDULES, type ScheduleDefinition } from './schedules.js';

type Processor<N extends JobName = JobName> = (data: JobPayloads[N], job: Job) => Promise<unknown>;

/** Schedules that depend on data (one per plan, say): asked for again whenever schedules are registered. */
export type ScheduleSource = () => Promise<ScheduleDefinition[]>;

/**
 * The one place where BullMQ is wired: queues (producers, in every process), workers and schedules (in
 * processes with JOBS_ENABLED, such as `npm run worker`). Modules register the processor of each of their
 * jobs at init. Schedules are registered whenever the Redis connection becomes ready, so a Redis that
 * restarts empty gets them back without a service restart.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly processors = new Map<JobName, Processor>();
  private readonly sources: ScheduleSource[] = [];
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers = new Map<QueueName, Worker>();
  private readonly connections: Redis[] = [];
  private redisDown = false;

  constructor(private readonly config: AppConfig) {}

  /** Called by a module in onModuleInit: the function that runs one job of that name. */
  register<N extends JobName>(name: N, processor: Processor<N>): void {
    this.processors.set(name, processor as Processor);
  }

  addScheduleSource(source: ScheduleSource): void {
    this.sources.push(source);
  }

  get enabled(): boolean {
    return this.config.JOBS_ENABLED;
  }

  onApplicationBootstrap() {
    const prefix = `${this.config.REDIS_KEY_PREFIX}bull`;
    for (const name of Object.values(QueueName)) {
      const connection = this.connect();
      const queue = new Queue(name, { connection, prefix });
      queue.on('error', () => undefined); // the connection reports outages once, see connect()
      this.queues.set(name, queue);
      if (!this.enabled) continue;
      // Registered on every (re)connection: a Redis restarted empty has lost them.
      if (name === QueueName.Maintenance) connection.on('ready', () => void this.registerSchedules());
      // Deliveries wait on mail servers and robots: several at once, each still claimed in the database.
      const concurrency = name === QueueName.Notifications ? 4 : 1;
      const worker = new Worker(name, (job: Job) => this.process(job), { connection: this.connect(), prefix, concurrency });
      worker.on('error', () => undefined);
      this.workers.set(name, worker);
    }
  }

  /** Every queue of this process (for the queue dashboard); empty before bootstrap. */
  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  /** Registers every schedule (fixed and data-driven); each registration replaces the previous one. */
  async registerSchedules(): Promise<void> {
    if (!this.enabled) return;
    try {
      const dynamic = (await Promise.all(this.sources.map((s) => s()))).flat();
      for (const s of [...SCHEDULES, ...dynamic]) {
        await this.queueOf(s.job).upsertJobScheduler(s.id, s.repeat, { name: s.job, data: s.data ?? {}, opts: { removeOnComplete: 100, removeOnFail: 500 } });
      }
    } catch (e) {
      this.logger.warn(`定时任务登记失败，将在 Redis 恢复后重试：${e instanceof Error ? e.message : e}`);
    }
  }

  /**
   * Registers one data-driven schedule now, from any process (queues exist everywhere): a plan that gets its
   * first reporting period gets its reminder scan without waiting for a restart.
   */
  async upsertSchedule(s: ScheduleDefinition): Promise<void> {
    await this.queueOf(s.job).upsertJobScheduler(s.id, s.repeat, { name: s.job, data: s.data ?? {}, opts: { removeOnComplete: 100, removeOnFail: 500 } });
  }

  /** A registered schedule as Redis holds it (undefined until Redis has answered). */
  async schedule(id: string, job?: JobName) {
    const def = SCHEDULES.find((s) => s.id === id);
    return this.queueOf(job ?? def?.job ?? JobName.OutboxSweep).getJobScheduler(id);
  }

  /** Adds a job; a deterministic jobId makes a second add of the same work a no-op. */
  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], jobId?: string, retry?: { attempts: number; delayMs: number }): Promise<void> {
    const backoff = retry ? { attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.delayMs } } : {};
    await this.queueOf(name).add(name, data, { jobId, removeOnComplete: 100, removeOnFail: 500, ...backoff });
  }

  /** Removes a data-driven schedule (a plan's reminder scan when its send hour changes, say). */
  async removeSchedule(id: string, job: JobName): Promise<void> {
    await this.queueOf(job).removeJobScheduler(id);
  }

  /** Runs a job now through its queue and waits for it (operators and tests). Needs a worker in this process. */
  async runNow<N extends JobName>(name: N, data: JobPayloads[N]): Promise<unknown> {
    const worker = this.workers.get(QUEUE_OF[name]);
    if (!worker) throw new Error('jobs are disabled in this process (JOBS_ENABLED=false)');
    const jobId = `${name}-now-${randomUUID()}`;
    // Listen before adding, so a job that finishes at once is not missed.
    const finished = new Promise<unknown>((resolve, reject) => {
      const done = (j: Job, result: unknown) => j.id === jobId && (cleanup(), resolve(result));
      const failed = (j: Job | undefined, e: Error) => j?.id === jobId && (cleanup(), reject(e));
      const cleanup = () => {
        worker.off('completed', done);
        worker.off('failed', failed);
      };
      worker.on('completed', done);
      worker.on('failed', failed);
    });
    await this.enqueue(name, data, jobId);
    return finished;
  }

  private async process(job: Job) {
    const processor = this.processors.get(job.name as JobName);
    if (!processor) throw new Error(`no processor registered for job ${job.name}`);
    return processor(job.data, job);
  }

  private queueOf(name: JobName): Queue {
    const queue = this.queues.get(QUEUE_OF[name]);
    if (!queue) throw new Error('queues are not started yet');
    return queue;
  }

  /** One connection per queue and worker (BullMQ blocks on them); an outage is logged once, not per retry. */
  private connect(): Redis {
    const c = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 500, 5000) });
    c.on('error', (e: Error) => {
      if (this.redisDown) return;
      this.redisDown = true;
      this.logger.warn(`Redis 不可用（${e.message}），定时任务与队列暂停，每 5 秒重试，恢复后自动继续`);
    });
    c.on('ready', () => {
      if (!this.redisDown) return;
      this.redisDown = false;
      this.logger.log('Redis 已恢复，定时任务与队列继续运行');
    });
    this.connections.push(c);
    return c;
  }

  async onModuleDestroy() {
    // Drop the connections first: with Redis down, a graceful close would wait for it forever.
    for (const c of this.connections) c.disconnect();
    await Promise.all([...this.workers.values()].map((w) => w.close(true).catch(() => undefined)));
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
