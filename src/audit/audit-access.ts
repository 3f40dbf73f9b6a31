import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { defineAbilityFor, userScope, workItemScope } from '../auth/abilities.js';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { AuditQuery } from './dto/audit-query.dto.js';

/** An entity's history is shown only to those who may see the entity; otherwise it does not exist. */
@Injectable()
export class AuditAccess {
  constructor(private readonly prisma: PrismaService) {}

  async assertVisible(p: Principal, type: AuditQuery['entityType'], id: string): Promise<void> {
    const missing = () => notFound('对象', 'AUDIT.ENTITY_NOT_FOUND');
    if (!isUUID(id)) throw missing();
    const ability = defineAbilityFor(p);
    const found =
      type === 'WorkItem'
        ? await this.prisma.workItem.count({ where: { AND: [workItemScope(ability), { id }] } })
        : type === 'User'
          ? await this.prisma.user.count({ where: { AND: [userScope(ability), { id }] } })
          : type === 'Plan'
            ? await this.prisma.plan.count({ where: { id } })
            : type === 'Unit'
              ? await this.prisma.unit.count({ where: { id } })
              : p.planWide
                ? await this.prisma.importRun.count({ where: { id } })
                : 0;
    if (!found) throw missing();
  }
}
