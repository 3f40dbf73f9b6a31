import { Global, Module } from '@nestjs/common';
import { AuditAccess } from './audit-access.js';
import { AuditJobs } from './audit.jobs.js';
import { AuditExportService } from './audit-export.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditAccess, AuditJobs, AuditExportService], exports: [AuditService] })
export class AuditModule {}
