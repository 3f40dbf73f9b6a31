import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportGuard } from '@nestjs/passport';
import { DomainError } from '../common/domain-error.js';
import { requestContext } from '../common/request-context.js';
import { IS_PUBLIC, PERMISSION } from '../access/decorators.js';
import { hasPermission, Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';

/**
 * Global guard, deny by default: a route is open only when marked @Public(); any other route needs a
 * valid access token and the permission its @RequirePermission names. A route that names none is refused.
 */
@Injectable()
export class AuthGuard extends PassportGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const principal: Principal = context.switchToHttp().getRequest().user;
    const store = requestContext.getStore();
    if (store) store.actor = { id: principal.userId, name: principal.username, unitId: principal.unitId };
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, targets);
    if (!permission) throw new DomainError('AUTH.NO_PERMISSION_DECLARED', 403, '此接口未声明权限，已拒绝访问');
    if (principal.mustChangePassword && permission !== Permission.Self) {
      throw new DomainError('AUTH.PASSWORD_CHANGE_REQUIRED', 403, '请先修改密码');
    }
    if (!hasPermission(principal.roles, permission)) throw new DomainError('AUTH.FORBIDDEN', 403, '无权执行此操作');
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // Passport hands over as `err` only what the strategy's validate threw (a bad or expired token is no error):
    // a database out of reach or too busy to load the user must not read as a lost session, which the console
    // answers by signing the user out.
    if (err) throw err;
    if (!user) throw new DomainError('AUTH.UNAUTHENTICATED', 401, '未登录或登录已失效');
    return user;
  }
}
