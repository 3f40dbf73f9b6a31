import { Module } from '@nestjs/common';
import { LightsModule } from '../lights/lights.module.js';
import { ExtensionsController } from './extensions.controller.js';
import { ExtensionsService } from './extensions.service.js';

@Module({ imports: [LightsModule], controllers: [ExtensionsController], providers: [ExtensionsService] })
export class ExtensionsModule {}
