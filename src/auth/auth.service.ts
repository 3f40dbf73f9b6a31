import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { beijingTime } from '../common/dates.js';
import { DomainError } from '../common/domain-error.js';
import type { User } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import type { TokensDto, UserView } from './dto/auth.dto.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { PrincipalCache } from '../access/principal-cache.js';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from '../access/principal.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Hash compared when the user does not exist, so timing does not tell which names exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0W5bX2x0cGhq8y0h2+5sPp4bYpVdY1hKq8mAEjYtJ1o';

export const toUserView = (u: User): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  unitId: u.unitId,
  roles: u.roles,
  mustChangePassword: u.mustChangePassword,
  disabled: u.disabled,
  rowVersion: u.rowVersion,
});

const invalidLogin = () => new DomainError('AUTH.INVALID_CREDENTIALS', 401, '用户名或密码错误');

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly rateLimit: LoginRateLimiter,
    private readonly principals: PrincipalCache,
  ) {}

  async login(username: string, password: string): Promise<TokensDto> {
    await this.rateLimit.consume();
    const now = this.clock.now();
    const user = await this.prisma.user.findUnique({ where: { username } });
    if (!user) {
      await verifyPassword(DUMMY_HASH, password);
      await this.audit.recordAlone({ action: 'auth.login_failed', entityType: 'User', entityId: null, after: { username, reason: 'unknown_user' }, actor: null });
      throw invalidLogin();
    }
    const actor = { id: user.id, name: user.username, unitId: user.unitId };
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit.recordAlone({ action: 'auth.login_refused_locked', entityType: 'User', entityId: user.id, actor });
      throw new DomainError('AUTH.LOCKED', 423, `连续登录失败次数过多，账号已锁定至 ${beijingTime(user.lockedUntil)}（北京时间）`, undefined, { lockedUntil: user.lockedUntil.toISOString() });
    }
    if (user.disabled || !(await verifyPassword(user.passwordHash, password))) {
      // A lock that has expired starts the count again.
      const failures = (user.lockedUntil && user.lockedUntil <= now ? 0 : user.failedLogins) + 1;
      const lock = failures >= this.config.LOGIN_MAX_FAILURES ? new Date(now.getTime() + this.config.LOGIN_LOCK_MINUTES * 60_000) : null;
      await this.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { failedLogins: failures, lockedUntil: lock } });
        await this.audit.record(tx, { action: 'auth.login_failed', entityType: 'User', entityId: user.id, after: { failedLogins: failures, lockedUntil: lock?.toISOString() ?? null }, actor });
      });
      // Each further failure answers more slowly, up to 2 s, before the lock takes over.
      if (failures > 1) await sleep(Math.min(2000, 100 * 2 ** (failures - 2)));
      throw invalidLogin();
    }
    return this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
      await this.audit.record(tx, { action: 'auth.login', entityType: 'User', entityId: user.id, actor });
      return this.issue(tx, user, randomUUID());
    });
  }

  /** Rotates the refresh token. A token used a second time revokes its whole family: someone copied it. */
  async refresh(token: string): Promise<TokensDto> {
    await this.rateLimit.consume();
    const now = this.clock.now();
    const found = await this.prisma.refreshToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!found || found.revokedAt || found.expiresAt <= now || found.user.disabled) {
      throw new DomainError('AUTH.REFRESH_INVALID', 401, '登录已失效，请重新登录');
    }
    const actor = { id: found.user.id, name: found.user.username, unitId: found.user.unitId };
    if (found.usedAt) {
      await this.prisma.$transaction(async (tx) => {
        await tx.refreshToken.updateMany({ where: { familyId: found.familyId, revokedAt: null }, data: { revokedAt: now } });
        await this.audit.record(tx, { action: 'auth.refresh_reused', entityType: 'User', entityId: found.userId, after: { familyId: found.familyId }, actor });
      });
      throw new DomainError('AUTH.REFRESH_REUSED', 401, '刷新令牌已被使用过，为安全起见本次登录已注销，请重新登录');
    }
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.refreshToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
      if (claimed.count === 0) throw new DomainError('AUTH.REFRESH_REUSED', 401, '刷新令牌已被使用过，请重新登录');
      return this.issue(tx, found.user, found.familyId);
    });
  }

  async logout(principal: Principal, token?: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const where = token ? { tokenHash: sha256(token), userId: principal.userId } : { userId: principal.userId };
      const found = token ? await tx.refreshToken.findFirst({ where }) : null;
      await tx.refreshToken.updateMany({ where: found ? { familyId: found.familyId, revokedAt: null } : { userId: principal.userId, revokedAt: null }, data: { revokedAt: this.clock.now() } });
      await this.audit.record(tx, { action: 'auth.logout', entityType: 'User', entityId: principal.userId });
    });
  }

  /** The session as the console shows it: who, in which unit, with which roles (never the unit scope list). */
  me(p: Principal) {
    const { scopeUnitIds: _scope, ...view } = p;
    return view;
  }

  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw new DomainError('AUTH.WRONG_PASSWORD', 400, '当前密码不正确', [{ field: 'currentPassword', message: '不正确' }]);
    }
    assertPasswordPolicy(next, user.username);
    if (await verifyPassword(user.passwordHash, next)) throw new DomainError('AUTH.SAME_PASSWORD', 400, '新密码不能与当前密码相同', [{ field: 'newPassword', message: '与当前密码相同' }]);
    const passwordHash = await hashPassword(next);
    await this.prisma.$transaction(async (tx) => {
      await this.setPassword(tx, user.id, passwordHash, false);
      await this.audit.record(tx, { action: 'auth.password_changed', entityType: 'User', entityId: user.id });
    });
    await this.principals.invalidate(user.id);
  }

  /** Replaces a password and ends every session of the user: refresh tokens are revoked, access tokens outdated. */
  async setPassword(tx: Tx, userId: string, passwordHash: string, mustChange: boolean) {
    const now = this.clock.now();
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: mustChange, passwordChangedAt: now, sessionVersion: { increment: 1 }, failedLogins: 0, lockedUntil: null } });
    await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  }

  private async issue(tx: Tx, user: User, familyId: string): Promise<TokensDto> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await tx.refreshToken.create({
      data: { userId: user.id, familyId, tokenHash: sha256(refreshToken), expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000) },
    });
    // Access tokens live on wall-clock time, as passport-jwt checks them; the injected clock drives the
    // stored state (locks, refresh-token expiry), which is what tests move.
    const accessToken = await this.jwt.signAsync({ sub: user.id, ver: user.sessionVersion }, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, refreshToken, user: toUserView(user) };
  }
}
