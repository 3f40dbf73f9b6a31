import { Injectable } from '@nestjs/common';
import { defineAbilityFor, extensionScope, workItemScope } from '../auth/abilities.js';
import type { Principal } from '../auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../clock/clock.js';
import { dayToDate, isoDay, shanghaiDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { ExtensionRequest } from '../generated/prisma/client.js';
import { LightsService } from '../lights/lights.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { DecideExtensionDto, ListExtensionsQuery, RequestExtensionDto } from './dto/extension.dto.js';

const view = (e: ExtensionRequest & { unit: { name: string } }) => ({
  id: e.id,
  workItemId: e.workItemId,
  unitId: e.unitId,
  unitName: e.unit.name,
  reason: e.reason,
  originalDate: isoDay(e.originalDate),
  requestedDate: isoDay(e.requestedDate),
  status: e.status,
  decidedAt: e.decidedAt?.toISOString() ?? null,
  decisionReason: e.decisionReason,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
});

@Injectable()
export class ExtensionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly lights: LightsService,
  ) {}

  /** Filed by a lead unit before the (possibly already extended) deadline passes. */
  async request(p: Principal, workItemId: string, dto: RequestExtensionDto) {
    const item = await this.prisma.workItem.findFirst({
      where: { AND: [workItemScope(defineAbilityFor(p)), { id: workItemId }] },
      include: { deadlines: true, assignments: { where: { unitId: p.unitId, role: 'lead' } }, extensions: { where: { status: { in: ['approved', 'pending'] } }, orderBy: { createdAt: 'desc' } } },
    });
    if (!item) throw notFound('工作事项', 'WORK_ITEM.NOT_FOUND');
    if (item.assignments.length === 0) throw new DomainError('AUTH.FORBIDDEN', 403, '只有牵头单位可以申请延期');
    const deadline = item.deadlines.find((d) => d.date && (d.kind === 'dated' || d.kind === 'period'));
    if (!deadline?.date) throw new DomainError('EXTENSION.NO_DEADLINE', 422, '该事项没有具体完成时限（如持续推进），无需申请延期');
    if (item.extensions.some((e) => e.status === 'pending' && e.unitId === p.unitId)) throw new DomainError('EXTENSION.PENDING', 409, '已有待审批的延期申请');
    const approved = item.extensions.find((e) => e.status === 'approved');
    const currentDue = isoDay(approved?.requestedDate ?? deadline.date);
    const today = shanghaiDay(this.clock.now());
    if (today > currentDue) throw new DomainError('EXTENSION.TOO_LATE', 422, `完成时限 ${currentDue} 已过，不能再申请延期`, [{ field: 'requestedDate', message: '须在期限届满前申请' }]);
    if (dto.requestedDate <= currentDue) throw new DomainError('EXTENSION.NOT_LATER', 400, `申请日期须晚于现有期限 ${currentDue}`, [{ field: 'requestedDate', message: '不晚于现有期限' }]);
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.extensionRequest.create({
        data: { workItemId, unitId: p.unitId, requestedById: p.userId, reason: dto.reason, originalDate: deadline.date!, requestedDate: dayToDate(dto.requestedDate) },
        include: { unit: { select: { name: true } } },
      });
      await this.audit.record(tx, { action: 'extension.requested', entityType: 'WorkItem', entityId: workItemId, after: { extensionId: created.id, from: currentDue, to: dto.requestedDate, reason: dto.reason } });
      return view(created);
    });
  }

  async list(p: Principal, query: ListExtensionsQuery) {
    const rows = await this.prisma.extensionRequest.findMany({
      where: { AND: [extensionScope(defineAbilityFor(p)), { ...(query.status ? { status: query.status } : {}), ...(query.planId ? { workItem: { planId: query.planId } } : {}) }] },
      include: { unit: { select: { name: true } } },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(view);
  }

  async decide(p: Principal, id: string, approve: boolean, dto: DecideExtensionDto) {
    if (!approve && !dto.reason) throw new DomainError('VALIDATION', 400, '驳回须说明理由', [{ field: 'reason', message: '必填' }]);
    const current = await this.prisma.extensionRequest.findUnique({ where: { id } });
    if (!current) throw notFound('延期申请', 'EXTENSION.NOT_FOUND');
    if (current.status !== 'pending') throw new DomainError('EXTENSION.DECIDED', 409, '该申请已批复');
    const updated = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.extensionRequest.updateMany({
        where: { id, version: dto.version, status: 'pending' },
        data: { status: approve ? 'approved' : 'rejected', decidedById: p.userId, decidedAt: this.clock.now(), decisionReason: dto.reason ?? null, version: { increment: 1 } },
      });
      if (count === 0) throw new DomainError('EXTENSION.VERSION_CONFLICT', 409, '该申请已被修改，请刷新后再批复', undefined, { currentVersion: current.version });
      const row = await tx.extensionRequest.findUniqueOrThrow({ where: { id }, include: { unit: { select: { name: true } } } });
      await this.audit.record(tx, { action: approve ? 'extension.approved' : 'extension.rejected', entityType: 'WorkItem', entityId: row.workItemId, after: { extensionId: id, requestedDate: isoDay(row.requestedDate), reason: dto.reason ?? null } });
      return view(row);
    });
    await this.lights.recomputeItems([current.workItemId]);
    return updated;
  }
}
