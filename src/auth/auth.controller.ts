import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public, RequirePermission } from './decorators.js';
import { ChangePasswordDto, LoginDto, RefreshDto, TokensDto } from './dto/auth.dto.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { Permission } from './permissions.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginRateLimitGuard)
  @HttpCode(200)
  @ApiOperation({ summary: '登录（每个地址每分钟限次）' })
  @ApiOkResponse({ type: TokensDto })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  @Post('refresh')
  @Public()
  @UseGuards(LoginRateLimitGuard)
  @HttpCode(200)
  @ApiOperation({ summary: '以刷新令牌换取新令牌（刷新令牌一次有效）' })
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '注销（吊销刷新令牌）' })
  logout(@CurrentUser() user: Principal, @Body() dto: RefreshDto) {
    return this.auth.logout(user, dto.refreshToken);
  }

  @Get('me')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '当前用户' })
  me(@CurrentUser() user: Principal) {
    const { scopeUnitIds: _scope, ...view } = user;
    return view;
  }

  @Post('password')
  @HttpCode(204)
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '修改密码（所有会话随之失效）' })
  changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
