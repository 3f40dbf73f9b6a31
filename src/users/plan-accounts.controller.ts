import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ProvisionAccountsDto, ProvisionResultDto } from './dto/user.dto.js';
import { UnitAccountsService } from './unit-accounts.service.js';

@ApiTags('users')
@Controller('plans/:planId/accounts')
export class PlanAccountsController {
  constructor(private readonly accounts: UnitAccountsService) {}

  @Post()
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: '为方案涉及的每个单位开设填报员和负责人账号（一次性密码只在本次返回）' })
  @ApiCreatedResponse({ type: ProvisionResultDto })
  provision(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: ProvisionAccountsDto) {
    return this.accounts.provision(user, planId, dto.roles ?? ['unit_reporter', 'unit_head']);
  }
}
