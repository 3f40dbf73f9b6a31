import { Module } from '@nestjs/common';
import { WorkItemsController } from './work-items.controller.js';
import { WorkItemsService } from './work-items.service.js';

@Module({ controllers: [WorkItemsController], providers: [WorkItemsService], exports: [WorkItemsService] })
export class WorkItemsModule {}
