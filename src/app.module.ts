import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './clock/clock.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ExtensionsModule } from './extensions/extensions.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { PlansModule } from './plans/plans.module.js';
import { LightsModule } from './lights/lights.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { RedisModule } from './redis/redis.module.js';
import { UnitsModule } from './units/units.module.js';
import { UsersModule } from './users/users.module.js';
import { WorkItemsModule } from './work-items/work-items.module.js';

@Module({
  imports: [ConfigModule, ClockModule, PrismaModule, RedisModule, AuditModule, AuthModule, UsersModule, HealthModule, UnitsModule, PlansModule, WorkItemsModule, ImportsModule, LightsModule, ReportingModule, ExtensionsModule, DashboardModule],
})
export class AppModule {}
