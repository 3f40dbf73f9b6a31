import { Module } from '@nestjs/common';
import { AssessmentExportsService } from './exports.service.js';
import { RoundsController } from './rounds.controller.js';
import { RoundsService } from './rounds.service.js';
import { SchemesController } from './schemes.controller.js';
import { SchemesService } from './schemes.service.js';
import { ScoresService } from './scores.service.js';

@Module({ controllers: [SchemesController, RoundsController], providers: [SchemesService, RoundsService, ScoresService, AssessmentExportsService] })
export class AssessmentModule {}
