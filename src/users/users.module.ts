import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PlanAccountsController } from './plan-accounts.controller.js';
import { UnitAccountsService } from './unit-accounts.service.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({ imports: [AuthModule], controllers: [UsersController, PlanAccountsController], providers: [UsersService, AdminBootstrap, UnitAccountsService], exports: [UnitAccountsService] })
export class UsersModule {}
