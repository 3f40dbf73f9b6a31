import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { JobName } from '../jobs/job-names.js';
import { JobsService } from '../jobs/jobs.service.js';
import { AuditService } from './audit.service.js';

/** The chain's jobs: the periodic seal, and the signed head written to the log once a day (see AuditService). */
@Injectable()
export class AuditJobs implements OnModuleInit {
  private readonly logger = new Logger('AuditCheckpoint');

  constructor(
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.jobs.register(JobName.AuditSeal, () => this.audit.seal());
    this.jobs.register(JobName.AuditCheckpoint, async () => {
      const checkpoint = await this.audit.checkpoint(this.clock.now());
      this.logger.log(`审计链检查点 ${JSON.stringify(checkpoint)}`);
      return checkpoint;
    });
  }
}
