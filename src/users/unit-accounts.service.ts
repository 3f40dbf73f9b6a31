import { Injectable } from '@nestjs/common';
import { accountRefusal } from '../access/account-grants.js';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { Role } from '../generated/prisma/enums.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { accountName, oneTimePassword, ROLE_TITLE } from './account-names.js';

export interface ProvisionedAccount {
  unitId: string;
  unitName: string;
  username: string;
  displayName: string;
  role: Role;
  /** Shown once, in this answer only; the user must change it at first login. */
  password?: string;
}

/**
 * Accounts for a whole jurisdiction in one step: a reporter and a head (or the roles asked for) for every unit
 * that has work in the plan and none yet in that role. Passwords are one-time and shown only in the answer.
 */
@Injectable()
export class UnitAccountsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async provision(p: Principal | null, planId: string, roles: Role[], fixedPassword?: string): Promise<{ created: ProvisionedAccount[]; existing: ProvisionedAccount[] }> {
    if (!(await this.prisma.plan.count({ where: { id: planId } }))) throw notFound('方案', 'PLAN.NOT_FOUND');
    const units = await this.prisma.unit.findMany({
      where: { kind: { not: 'collective' }, assignments: { some: { endedAt: null, workItem: { planId } } } },
      include: { users: { select: { username: true, displayName: true, roles: true } } },
      orderBy: { name: 'asc' },
    });
    for (const unit of units) {
      const refusal = p ? accountRefusal(p, { unitId: unit.id, roles: [] }, 'create', roles) : null;
      if (refusal) throw new DomainError('AUTH.FORBIDDEN', 403, refusal);
    }
    const taken = new Set((await this.prisma.user.findMany({ select: { username: true } })).map((u) => u.username));
    const created: ProvisionedAccount[] = [];
    const existing: ProvisionedAccount[] = [];
    for (const unit of units) {
      for (const role of roles) {
        const has = unit.users.find((u) => u.roles.includes(role));
        if (has) {
          existing.push({ unitId: unit.id, unitName: unit.name, username: has.username, displayName: has.displayName, role });
          continue;
        }
        const username = accountName(unit.name, role, (n) => taken.has(n));
        taken.add(username);
        created.push({ unitId: unit.id, unitName: unit.name, username, displayName: `${unit.name}${ROLE_TITLE[role] ?? ''}`, role, password: fixedPassword ?? oneTimePassword() });
      }
    }
    for (const a of created) assertPasswordPolicy(a.password!, a.username, 'password');
    const hashes = await Promise.all(created.map((a) => hashPassword(a.password!)));
    await this.prisma.$transaction(async (tx) => {
      const rows = await tx.user.createManyAndReturn({
        data: created.map((a, i) => ({ username: a.username, displayName: a.displayName, unitId: a.unitId, roles: [a.role], passwordHash: hashes[i], mustChangePassword: !fixedPassword })),
        select: { id: true, username: true, unitId: true, roles: true },
      });
      await this.audit.recordMany(
        tx,
        rows.map((u) => ({ action: 'user.created', entityType: 'User', entityId: u.id, after: { username: u.username, unitId: u.unitId, roles: u.roles, from: 'plan_accounts', planId } })),
      );
    });
    return { created, existing };
  }
}
