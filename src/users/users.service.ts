import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import { canManage, defineAbilityFor, userScope } from '../auth/abilities.js';
import { AuthService, toUserView } from '../auth/auth.service.js';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { DomainError, notFound, staleVersion } from '../common/domain-error.js';
import type { Role } from '../generated/prisma/enums.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';

// What a unit head may hand out inside its own unit.
const UNIT_HEAD_GRANTABLE: Role[] = ['unit_reporter', 'unit_head'];

@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
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
    this.assertMayGrant(p, dto.unitId, dto.roles);
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
    const current = await this.manageable(p, id);
    if (dto.roles) this.assertMayGrant(p, current.unitId, dto.roles);
    if (id === p.userId && (dto.disabled || dto.roles)) throw new DomainError('USER.SELF_CHANGE', 403, '不能修改自己的角色或停用自己');
    return this.prisma.$transaction(async (tx) => {
      const { rowVersion, ...fields } = dto;
      const { count } = await tx.user.updateMany({ where: { id, rowVersion }, data: { ...fields, rowVersion: { increment: 1 } } });
      if (count === 0) throw staleVersion('用户', current.rowVersion, toUserView(current));
      const user = await tx.user.findUniqueOrThrow({ where: { id } });
      if (dto.disabled) await tx.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      const pick = (u: typeof user) => ({ displayName: u.displayName, roles: u.roles, disabled: u.disabled });
      await this.audit.record(tx, { action: dto.roles ? 'user.roles_changed' : 'user.updated', entityType: 'User', entityId: id, ...diff(pick(current), pick(user)) });
      return toUserView(user);
    });
  }

  async resetPassword(p: Principal, id: string, password: string) {
    const user = await this.manageable(p, id);
    assertPasswordPolicy(password, user.username, 'password');
    const passwordHash = await hashPassword(password);
    await this.prisma.$transaction(async (tx) => {
      await this.auth.setPassword(tx, id, passwordHash, true);
      await this.audit.record(tx, { action: 'user.password_reset', entityType: 'User', entityId: id });
    });
  }

  /** Visible but not manageable answers 403; not visible answers 404 like a missing user. */
  private async manageable(p: Principal, id: string) {
    const user = await this.get(p, id);
    if (!canManage(p, 'User', user)) throw new DomainError('AUTH.FORBIDDEN', 403, '无权管理该用户');
    return user;
  }

  private assertMayGrant(p: Principal, unitId: string, roles: Role[]) {
    if (p.roles.includes('system_admin')) return;
    if (p.roles.includes('office_admin')) {
      if (roles.includes('system_admin')) throw new DomainError('AUTH.FORBIDDEN', 403, '只有系统管理员可以授予系统管理员角色');
      return;
    }
    if (unitId !== p.unitId || roles.some((r) => !UNIT_HEAD_GRANTABLE.includes(r))) {
      throw new DomainError('AUTH.FORBIDDEN', 403, '单位负责人只能为本单位用户授予填报员或负责人角色');
    }
  }
}
