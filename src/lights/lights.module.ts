import { Module } from '@nestjs/common';
import { LightsQueryService } from './lights-query.service.js';
import { LightsController } from './lights.controller.js';
import { LightsJobs } from './lights.jobs.js';
import { LightsService } from './lights.service.js';

@Module({ controllers: [LightsController], providers: [LightsService, LightsQueryService, LightsJobs], exports: [LightsService, LightsJobs] })
export class LightsModule {}
