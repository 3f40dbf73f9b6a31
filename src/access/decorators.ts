import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from './permissions.js';
import type { Principal } from './principal.js';

export const IS_PUBLIC = 'auth:public';
export const PERMISSION = 'auth:permission';


/** Opens a route to callers without a session (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The one decorator every other route carries: the permission it needs, and its OpenAPI security. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(PERMISSION, permission),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: '未登录或登录已失效' }),
    ApiForbiddenResponse({ description: `需要权限 ${permission}` }),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user);
