import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { Role } from '../generated/prisma/enums.js';
import { PLAN_WIDE_ROLES } from './permissions.js';
import type { Principal } from './principal.js';

interface AccessClaims {
  sub: string;
  /** The user's sessionVersion when the token was issued: a password change ends older tokens. */
  ver: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly prisma: PrismaService,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.JWT_SECRET, algorithms: ['HS256'], ignoreExpiration: false });
  }

  /** One round trip per request: the user and, for unit-scoped roles, every unit below its own. */
  async validate(claims: AccessClaims): Promise<Principal | false> {
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub)) return false;
    const [user] = await this.prisma.$queryRaw<
      { id: string; username: string; display_name: string; unit_id: string; roles: Role[]; must_change_password: boolean; disabled: boolean; session_version: number; below: string[] }[]
    >`
      SELECT u.id::text, u.username, u.display_name, u.unit_id::text, u.roles::text[] AS roles, u.must_change_password, u.disabled, u.session_version,
        CASE WHEN u.roles && ${PLAN_WIDE_ROLES}::"Role"[] THEN ARRAY[]::text[]
             ELSE ARRAY(WITH RECURSIVE tree AS (
                          SELECT id FROM units WHERE parent_id = u.unit_id
                          UNION ALL SELECT c.id FROM units c JOIN tree t ON c.parent_id = t.id)
                        SELECT id::text FROM tree) END AS below
      FROM users u WHERE u.id = ${claims.sub}::uuid`;
    if (!user || user.disabled || user.session_version !== claims.ver) return false;
    const planWide = user.roles.some((r) => PLAN_WIDE_ROLES.includes(r));
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      unitId: user.unit_id,
      roles: user.roles,
      mustChangePassword: user.must_change_password,
      planWide,
      scopeUnitIds: planWide ? [] : [user.unit_id, ...user.below],
    };
  }
}
