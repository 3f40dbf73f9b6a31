import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public, RequirePermission } from '../access/decorators.js';
import { ChangePasswordDto, LoginDto, MeDto, RefreshDto, TokensDto } from './dto/auth.dto.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '登录（每个地址每分钟限次）' })
  @ApiOkResponse({ type: TokensDto })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  @Post('refresh')
  @Public()
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
  @ApiNoContentResponse({ description: '已注销' })
  logout(@CurrentUser() user: Principal, @Body() dto: RefreshDto) {
    return this.auth.logout(user, dto.refreshToken);
  }

  @Get('me')
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '当前用户' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: Principal) {
    return this.auth.me(user);
  }

  @Post('password')
  @HttpCode(204)
  @RequirePermission(Permission.Self)
  @ApiOperation({ summary: '修改密码（所有会话随之失效）' })
  @ApiNoContentResponse({ description: '已修改' })
  changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
