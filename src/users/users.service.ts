import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import { accountRefusal, type AccountAction, type AccountTarget } from '../access/account-grants.js';
import { defineAbilityFor, userScope } from '../access/abilities.js';
import { AuthService, toUserView } from '../auth/auth.service.js';
import { PrincipalCache } from '../access/principal-cache.js';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords.js';
import type { Principal } from '../access/principal.js';
import { DomainError, notFound, staleVersion } from '../common/domain-error.js';
import { updateAtRowVersion } from '../common/row-version.js';
import type { Role } from '../generated/prisma/enums.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/user.dto.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly principals: PrincipalCache,
  ) {}

  async list(p: Principal) {
    const users = await this.prisma.user.findMany({ where: { AND: [userScope(defineAbilityFor(p))] }, orderBy: { username: 'asc' } });
    return users.map(toUserView);
  }

  async get(p: Principal, id: string) {
    const user = await this.prisma.user.findFirst({ where: { AND: [userScope(defineAbilityFor(p)), { id }] } });
    if (!user) throw notFound('用户', 'USER.NOT_FOUND');
    return user;
  }

  async create(p: Principal, dto: CreateUserDto) {
    this.assertMay(p, { unitId: dto.unitId, roles: [] }, 'create', dto.roles);
    if (!(await this.prisma.unit.findUnique({ where: { id: dto.unitId } }))) throw notFound('单位', 'UNIT.NOT_FOUND');
    assertPasswordPolicy(dto.password, dto.username, 'password');
    const passwordHash = await hashPassword(dto.password);
    return this.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { username: dto.username, displayName: dto.displayName, unitId: dto.unitId, roles: dto.roles, passwordHash, mustChangePassword: true } });
      await this.audit.record(tx, { action: 'user.created', entityType: 'User', entityId: user.id, after: { username: user.username, unitId: user.unitId, roles: user.roles } });
      return toUserView(user);
    });
  }

  async update(p: Principal, id: string, dto: UpdateUserDto) {
    const current = await this.get(p, id);
    const action = dto.roles ? 'change_roles' : dto.disabled !== undefined ? 'disable' : 'edit';
    this.assertMay(p, current, action, dto.roles);
    if (dto.roles && dto.disabled !== undefined) this.assertMay(p, current, 'disable');
    const updated = await this.prisma.$transaction(async (tx) => {
      const { rowVersion, ...fields } = dto;
      // The version the checks above read: if roles or unit changed since, the write does not land.
      await updateAtRowVersion(tx.user, id, rowVersion, fields, () => staleVersion('用户', current.rowVersion, toUserView(current)));
      const user = await tx.user.findUniqueOrThrow({ where: { id } });
      // A disabled account's sessions end now (its access tokens fail the per-request check already).
      if (dto.disabled) await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      const pick = (u: typeof user) => ({ displayName: u.displayName, roles: u.roles, disabled: u.disabled });
      await this.audit.record(tx, { action: dto.roles ? 'user.roles_changed' : 'user.updated', entityType: 'User', entityId: id, ...diff(pick(current), pick(user)) });
      return toUserView(user);
    });
    // The principal carries roles, the disabled flag and the names shown for the user: any change drops it.
    await this.principals.invalidate(id);
    return updated;
  }

  async resetPassword(p: Principal, id: string, dto: ResetPasswordDto) {
    const user = await this.get(p, id);
    this.assertMay(p, user, 'reset_password');
    assertPasswordPolicy(dto.password, user.username, 'password');
    const passwordHash = await hashPassword(dto.password);
    await this.prisma.$transaction(async (tx) => {
      // Only on the version the check read: a concurrent role change makes this a 409, not a reset.
      await updateAtRowVersion(tx.user, id, user.rowVersion, {}, () => staleVersion('用户', user.rowVersion + 1));
      await this.auth.setPassword(tx, id, passwordHash, true);
      await this.audit.record(tx, { action: 'user.password_reset', entityType: 'User', entityId: id });
    });
    await this.principals.invalidate(id);
  }

  /** Visible but beyond the caller's powers answers 403; not visible answers 404 like a missing user (see get). */
  private assertMay(p: Principal, target: AccountTarget, action: AccountAction, roles?: Role[]) {
    const refusal = accountRefusal(p, target, action, roles);
    if (refusal) throw new DomainError('AUTH.FORBIDDEN', 403, refusal);
  }
}
