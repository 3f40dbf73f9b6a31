import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller.js';
import { IndicatorsService } from './indicators.service.js';
import { ActualsImportService } from './actuals-import.service.js';

@Module({ controllers: [IndicatorsController], providers: [IndicatorsService, ActualsImportService], exports: [IndicatorsService] })
export class IndicatorsModule {}
