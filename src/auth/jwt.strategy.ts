import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { UnitsService } from '../units/units.service.js';
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
    private readonly units: UnitsService,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.JWT_SECRET, algorithms: ['HS256'], ignoreExpiration: false });
  }

  async validate(claims: AccessClaims): Promise<Principal | false> {
    const user = await this.prisma.user.findUnique({ where: { id: claims.sub } });
    if (!user || user.disabled || user.sessionVersion !== claims.ver) return false;
    const planWide = user.roles.some((r) => PLAN_WIDE_ROLES.includes(r));
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      unitId: user.unitId,
      roles: user.roles,
      mustChangePassword: user.mustChangePassword,
      planWide,
      scopeUnitIds: planWide ? [] : [user.unitId, ...(await this.units.descendantIds(user.unitId))],
    };
  }
}
