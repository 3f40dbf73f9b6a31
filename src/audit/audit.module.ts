import { Global, Module } from '@nestjs/common';
import { AuditAccess } from './audit-access.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditAccess], exports: [AuditService] })
export class AuditModule {}
