import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import { AppConfig } from '../config/app-config.js';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH } from './queue-dashboard.js';

@ApiTags('admin')
@Controller('admin/queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly config: AppConfig) {}

  /** Hands the caller's access token to the browser as an HttpOnly cookie scoped to the dashboard's path. */
  @Post('session')
  @HttpCode(204)
  @RequirePermission(Permission.QueuesDashboard)
  @ApiOperation({ summary: '打开后台任务看板（仅系统管理员；设置仅用于 /admin/queues 的 Cookie）' })
  @ApiNoContentResponse()
  session(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const token = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? '';
    res.setHeader('set-cookie', `${QUEUE_DASHBOARD_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${this.config.ACCESS_TOKEN_TTL_SECONDS}${this.config.NODE_ENV === 'production' ? '; Secure' : ''}`);
  }
}
