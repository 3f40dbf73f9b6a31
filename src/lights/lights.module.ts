import { Module } from '@nestjs/common';
import { LightsQueryService } from './lights-query.service.js';
import { LightsController } from './lights.controller.js';
import { LightsService } from './lights.service.js';
import { LightsSubscriber } from './lights.subscriber.js';

@Module({ controllers: [LightsController], providers: [LightsService, LightsQueryService, LightsSubscriber], exports: [LightsService] })
export class LightsModule {}
