import { Global, Module } from '@nestjs/common';
import { WorkflowService } from './workflow.service.js';

/** The transition runner every lifecycle (reports, periods, extensions, and those to come) moves through. */
@Global()
@Module({ providers: [WorkflowService], exports: [WorkflowService] })
export class WorkflowModule {}
