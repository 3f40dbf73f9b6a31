import { Injectable } from '@nestjs/common';
import { defineAbilityFor, proposalScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { DecideProposalDto, ListProposalsQuery } from './dto/proposal.dto.js';
import { proposalInclude, proposalLifecycle, toProposalView } from './proposal.lifecycle.js';

@Injectable()
export class ProposalsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  async list(p: Principal, planId: string, query: ListProposalsQuery) {
    if (!(await this.prisma.plan.count({ where: { id: planId } }))) throw notFound('方案', 'PLAN.NOT_FOUND');
    const rows = await this.prisma.assignmentProposal.findMany({
      where: { AND: [proposalScope(defineAbilityFor(p)), { assignment: { workItem: { planId } } }, query.status ? { status: query.status } : {}] },
      include: proposalInclude,
      orderBy: [{ assignment: { workItem: { sortKey: 'asc' } } }, { createdAt: 'asc' }],
    });
    return rows.map((r) => toProposalView({ ...r, state: r.status }));
  }

  async decide(p: Principal, id: string, accept: boolean, dto: DecideProposalDto) {
    return toProposalView(await this.workflow.apply(proposalLifecycle, accept ? 'accept' : 'reject', p, { id, version: dto.version, reason: dto.reason }));
  }
}
