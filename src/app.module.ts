import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { PlansModule } from './plans/plans.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { RedisModule } from './redis/redis.module.js';
import { UnitsModule } from './units/units.module.js';
import { WorkItemsModule } from './work-items/work-items.module.js';

@Module({
  imports: [ConfigModule, PrismaModule, RedisModule, HealthModule, UnitsModule, PlansModule, WorkItemsModule, ImportsModule],
})
export class AppModule {}
