import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config/app-config.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';
import { OnboardingService } from './onboarding.service.js';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [AppConfig],
      // Reject oversized uploads while streaming, before they fill memory.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.IMPORT_MAX_BYTES, files: 1, fields: 5 } }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, OnboardingService],
  exports: [ImportsService],
})
export class ImportsModule {}
