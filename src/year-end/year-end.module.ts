import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module.js';
import { SummaryService } from './summary.service.js';
import { AnnualReportsController } from './annual-reports.controller.js';
import { AnnualReportsService } from './annual-reports.service.js';
import { YearEndController } from './year-end.controller.js';
import { YearEndService } from './year-end.service.js';

@Module({ imports: [IndicatorsModule], controllers: [YearEndController, AnnualReportsController], providers: [YearEndService, AnnualReportsService, SummaryService], exports: [YearEndService, AnnualReportsService, SummaryService] })
export class YearEndModule {}
