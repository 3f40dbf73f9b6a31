import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toUserView } from '../auth/auth.service.js';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';
import { UserView } from '../auth/dto/auth.dto.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UsersRead)
  @ApiOperation({ summary: '用户列表（办公室：全部；单位负责人：本单位）' })
  @ApiOkResponse({ type: [UserView] })
  list(@CurrentUser() user: Principal) {
    return this.users.list(user);
  }

  @Get(':id')
  @RequirePermission(Permission.UsersRead)
  @ApiOperation({ summary: '用户详情' })
  @ApiOkResponse({ type: UserView })
  async get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return toUserView(await this.users.get(user, id));
  }

  @Post()
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: '新建用户（首次登录须改密码）' })
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentUser() user: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(user, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: '修改用户（姓名、角色、停用）' })
  @ApiOkResponse({ type: UserView })
  update(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(user, id, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(204)
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: '重置密码（下次登录须修改，现有会话失效）' })
  @ApiNoContentResponse({ description: '已重置' })
  resetPassword(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: ResetPasswordDto) {
    return this.users.resetPassword(user, id, dto);
  }
}
