import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import { JwtStrategy } from '../auth/jwt.strategy.js';
import { JobsService } from './jobs.service.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Set by POST /api/v1/admin/queue-dashboard/session: the browser cannot add a bearer header to the dashboard's own requests. */
export const QUEUE_DASHBOARD_COOKIE = 'cpt_queues';

function tokenOf(req: Request): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1];
  if (bearer) return bearer;
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === QUEUE_DASHBOARD_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function problem(res: Response, status: number, title: string) {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, code: status === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN' }));
}

/**
 * bull-board at /admin/queues, for system administrators only: the same access token as the API (in the
 * Authorization header, or the HttpOnly cookie the session route sets), checked with the API's own strategy
 * (signature, expiry, disabled account, session version) before any of the dashboard is served.
 */
export function mountQueueDashboard(app: INestApplication): void {
  let router: ((req: Request, res: Response, next: NextFunction) => void) | undefined;
  app.use(QUEUE_DASHBOARD_PATH, async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    const claims = token ? await app.get(JwtService).verifyAsync(token, { algorithms: ['HS256'] }).catch(() => undefined) : undefined;
    const principal = claims ? await app.get(JwtStrategy, { strict: false }).validate(claims) : false;
    if (!principal) return problem(res, 401, '未登录或登录已失效');
    if (!principal.roles.includes('system_admin')) return problem(res, 403, '队列看板仅限系统管理员');
    if (!router) {
      // Built on first use: the queues exist only once the application has bootstrapped.
      const adapter = new ExpressAdapter();
      adapter.setBasePath(QUEUE_DASHBOARD_PATH);
      createBullBoard({ queues: app.get(JobsService).allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: adapter, options: { uiConfig: { boardTitle: '碳达峰跟踪 · 后台任务' } } });
      router = adapter.getRouter() as (req: Request, res: Response, next: NextFunction) => void;
    }
    router(req, res, next);
  });
}
