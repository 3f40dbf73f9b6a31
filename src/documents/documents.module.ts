import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module.js';
import { YearEndModule } from '../year-end/year-end.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';

@Module({ imports: [IndicatorsModule, YearEndModule], controllers: [DocumentsController], providers: [DocumentsService] })
export class DocumentsModule {}
