import { Injectable } from '@nestjs/common';
import { defineAbilityFor, extensionScope, workItemScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { dayToDate, isoDay, shanghaiDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { dueDeadline } from '../work-items/due-date.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { DecideExtensionDto, ListExtensionsQuery, RequestExtensionDto } from './dto/extension.dto.js';
import { extensionInclude, extensionLifecycle, toExtensionView } from './extension.lifecycle.js';

@Injectable()
export class ExtensionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  /**
   * Filed by a lead unit before the (possibly already extended) deadline passes. The checks run with the
   * item locked, so two requests at once cannot both pass "no pending request".
   */
  async request(p: Principal, workItemId: string, dto: RequestExtensionDto) {
    return this.workflow.transaction(async (w) => {
      await w.tx.$queryRaw`SELECT id FROM work_items WHERE id = ${workItemId}::uuid FOR NO KEY UPDATE`;
      const item = await w.tx.workItem.findFirst({
        where: { AND: [workItemScope(defineAbilityFor(p)), { id: workItemId }] },
        include: {
          deadlines: true,
          assignments: { where: { unitId: p.unitId, role: 'lead', endedAt: null } },
          extensions: { where: { status: { in: ['approved', 'pending'] } }, orderBy: { createdAt: 'desc' } },
        },
      });
      if (!item) throw notFound('工作事项', 'WORK_ITEM.NOT_FOUND');
      if (item.assignments.length === 0) throw new DomainError('AUTH.FORBIDDEN', 403, '只有牵头单位可以申请延期');
      const deadline = dueDeadline(item.deadlines);
      if (!deadline?.date) throw new DomainError('EXTENSION.NO_DEADLINE', 422, '该事项没有具体完成时限（如持续推进），无需申请延期');
      if (item.extensions.some((e) => e.status === 'pending' && e.unitId === p.unitId)) throw new DomainError('EXTENSION.PENDING', 409, '已有待审批的延期申请');
      const approved = item.extensions.find((e) => e.status === 'approved');
      const currentDue = isoDay(approved?.requestedDate ?? deadline.date);
      if (shanghaiDay(w.now) > currentDue) {
        throw new DomainError('EXTENSION.TOO_LATE', 422, `完成时限 ${currentDue} 已过，不能再申请延期`, [{ field: 'requestedDate', message: '须在期限届满前申请' }]);
      }
      if (dto.requestedDate <= currentDue) throw new DomainError('EXTENSION.NOT_LATER', 400, `申请日期须晚于现有期限 ${currentDue}`, [{ field: 'requestedDate', message: '不晚于现有期限' }]);
      const created = await w.tx.extensionRequest.create({
        data: { workItemId, unitId: p.unitId, requestedById: p.userId, reason: dto.reason, originalDate: deadline.date, requestedDate: dayToDate(dto.requestedDate) },
        include: extensionInclude,
      });
      await w.audit([{ action: 'extension.requested', entityType: 'ExtensionRequest', entityId: created.id, related: { type: 'WorkItem', id: workItemId }, after: { workItemId, from: currentDue, to: dto.requestedDate, reason: dto.reason } }]);
      await w.announce([{ type: 'extension.requested', aggregateType: 'ExtensionRequest', aggregateId: created.id, payload: { workItemId, unitId: p.unitId } }]);
      return toExtensionView(created);
    });
  }

  async list(p: Principal, query: ListExtensionsQuery) {
    const rows = await this.prisma.extensionRequest.findMany({
      where: { AND: [extensionScope(defineAbilityFor(p)), { ...(query.status ? { status: query.status } : {}), ...(query.planId ? { workItem: { planId: query.planId } } : {}) }] },
      include: extensionInclude,
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toExtensionView);
  }

  async decide(p: Principal, id: string, approve: boolean, dto: DecideExtensionDto) {
    return toExtensionView(await this.workflow.apply(extensionLifecycle, approve ? 'approve' : 'reject', p, { id, version: dto.version, reason: dto.reason }));
  }
}
