import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccessModule } from './access/access.module.js';
import { ProposalsModule } from './assignment-proposals/proposals.module.js';
import { AssessmentModule } from './assessment/assessment.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './clock/clock.js';
import { ProblemFilter } from './common/problem.filter.js';
import { ConfigModule } from './config/config.module.js';
import { ConsoleModule } from './console/console.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ExtensionsModule } from './extensions/extensions.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { PlansModule } from './plans/plans.module.js';
import { LightsModule } from './lights/lights.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { RedisModule } from './redis/redis.module.js';
import { UnitsModule } from './units/units.module.js';
import { UsersModule } from './users/users.module.js';
import { WorkItemsModule } from './work-items/work-items.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';
import { YearEndModule } from './year-end/year-end.module.js';
import { IndicatorsModule } from './indicators/indicators.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { PlanReviewsModule } from './plan-reviews/plan-reviews.module.js';

@Module({
  // The one error speaker, as a provider so that it also answers unknown routes and reads the limits from config.
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
  imports: [ConfigModule, ClockModule, PrismaModule, RedisModule, AccessModule, JobsModule, AuditModule, WorkflowModule, AuthModule, UsersModule, HealthModule, UnitsModule, PlansModule, WorkItemsModule, ImportsModule, ProposalsModule, LightsModule, ReportingModule, ExtensionsModule, DashboardModule, ConsoleModule, NotificationsModule, RemindersModule, NoticesModule, IndicatorsModule, YearEndModule, DocumentsModule, PlanReviewsModule, AssessmentModule],
})
export class AppModule {}
