import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config.js';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { descendantsOf } from '../units/unit-tree.js';
import type { Role } from '../generated/prisma/enums.js';
import { PLAN_WIDE_ROLES } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { PrincipalCache } from '../access/principal-cache.js';

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
    private readonly cache: PrincipalCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key
      // on every verification and falls back on the exception, which cost about 1.3 ms of CPU per request.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** One round trip per request: the user and, for unit-scoped roles, every unit below its own. */
  async validate(claims: AccessClaims): Promise<Principal | false> {
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub) || !Number.isInteger(claims.ver)) return false;
    const cached = this.cache.get(claims.sub, claims.ver);
    if (cached) return cached;
    const [user] = await this.prisma.$queryRaw<
      { id: string; username: string; display_name: string; unit_id: string; unit_name: string; roles: Role[]; must_change_password: boolean; disabled: boolean; session_version: number; below: string[] }[]
    >`
      SELECT u.id::text, u.username, u.display_name, u.unit_id::text, n.name AS unit_name, u.roles::text[] AS roles, u.must_change_password, u.disabled, u.session_version,
        CASE WHEN u.roles && ${PLAN_WIDE_ROLES}::"Role"[] THEN ARRAY[]::text[]
             ELSE ARRAY(SELECT id::text FROM (${descendantsOf(Prisma.sql`u.unit_id`)}) d) END AS below
      FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = ${claims.sub}::uuid`;
    if (!user || user.disabled || user.session_version !== claims.ver) return false;
    const planWide = user.roles.some((r) => PLAN_WIDE_ROLES.includes(r));
    const principal: Principal = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      unitId: user.unit_id,
      unitName: user.unit_name,
      roles: user.roles,
      mustChangePassword: user.must_change_password,
      planWide,
      scopeUnitIds: planWide ? [] : [user.unit_id, ...user.below],
    };
    this.cache.set(claims.sub, claims.ver, principal);
    return principal;
  }
}
