import { Module } from '@nestjs/common';
import { AnnualReportsController } from './annual-reports.controller.js';
import { AnnualReportsService } from './annual-reports.service.js';
import { YearEndController } from './year-end.controller.js';
import { YearEndService } from './year-end.service.js';

@Module({ controllers: [YearEndController, AnnualReportsController], providers: [YearEndService, AnnualReportsService], exports: [YearEndService, AnnualReportsService] })
export class YearEndModule {}
