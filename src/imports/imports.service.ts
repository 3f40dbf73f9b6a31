import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { AppConfig } from '../config/app-config.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { Upload as ImportFile } from '../common/uploads.js';
import type { ProposalKind } from '../generated/prisma/enums.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { OnboardingDto } from './dto/onboarding.dto.js';
import { analyseImport, type Analysis } from './import-analyser.js';
import { desiredItems, writeItems, type ImportChanges } from './import-writer.js';
import { OnboardingService, type OnboardingResult } from './onboarding.service.js';
import type { ImportReport } from './parsing/report.js';
import type { DirectoryUnit } from './parsing/unit-directory.js';
import { loadDirectory } from './unit-directory.query.js';

export interface CommitResult extends ImportReport {
  importId: string;
  changes: ImportChanges & { onboarding: OnboardingResult | null; implicitUnitsSet: string[]; proposalsAdded: number };
}

/** Carries a dry run's report out of the transaction it rolls back. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run rolled back');
  }
}

export interface ImportOptions {
  planYear?: number;
  onboarding?: OnboardingDto;
}

/** Everything an analysis of a plan's file reads from the database. */
interface PlanContext {
  plan: { id: string; jurisdictionId: string; version: number; implicitUnits: { unitId: string }[] };
  directory: DirectoryUnit[];
  excluded: string[];
  jurisdiction: { id: string; name: string; kind: string };
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly workflow: WorkflowService,
    private readonly onboarding: OnboardingService,
  ) {}

  /**
   * Every row as understood, writing nothing. With onboarding decisions, the report is the one the commit
   * would see after them: they are applied in a transaction that is then rolled back.
   */
  async dryRun(planId: string, file: ImportFile, options: ImportOptions = {}, principal?: Principal): Promise<ImportReport> {
    this.assertSize(file);
    if (!options.onboarding || !principal) return (await this.analyse(file, await this.context(this.prisma, planId), options)).report;
    try {
      await this.workflow.transaction(async (w) => {
        const before = await this.context(w.tx, planId);
        const first = await this.analyse(file, before, options);
        await this.onboarding.apply(w, { plan: before.plan, directory: before.directory, proposals: first.report.summary.unknownUnits, principal }, options.onboarding!);
        throw new RolledBack((await this.analyse(file, await this.context(w.tx, planId), options)).report);
      });
    } catch (e) {
      if (e instanceof RolledBack) return e.report;
      throw e;
    }
    throw new Error('unreachable: the dry run always rolls back');
  }

  /**
   * One transaction: the office's onboarding decisions (new units, aliases, names that are no unit), then
   * every row, or nothing at all. The import only announces which items changed; lights (and later
   * subscribers) follow through the outbox right after the commit.
   */
  async commit(planId: string, file: ImportFile, options: ImportOptions = {}, principal?: Principal): Promise<CommitResult> {
    this.assertSize(file);
    return this.workflow.transaction(
      async (w) => {
        const tx = w.tx;
        // Two imports into one plan at once would race on the same items: serialise them.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${planId}))`;
        let ctx = await this.context(tx, planId);
        let analysis = await this.analyse(file, ctx, options);
        let onboarding: OnboardingResult | null = null;
        if (options.onboarding && principal) {
          onboarding = await this.onboarding.apply(w, { plan: ctx.plan, directory: ctx.directory, proposals: analysis.report.summary.unknownUnits, principal }, options.onboarding);
          ctx = await this.context(tx, planId);
          analysis = await this.analyse(file, ctx, options);
        }
        const { parsed, report } = analysis;
        const errors = report.rows.flatMap((r) => r.problems.filter((p) => p.level === 'error').map((p) => ({ line: r.line, field: p.field, message: p.message })));
        if (errors.length) {
          throw new DomainError('IMPORT.ROW_ERRORS', 422, `有 ${errors.length} 处错误，未导入任何数据（包括单位的新建与别名）；请先修正后再导入`, errors, {
            unknownUnits: report.summary.unknownNames,
            proposals: report.summary.unknownUnits,
          });
        }
        const implicitUnitsSet = await this.impliedUnits(tx, ctx, report);
        const implicitIds = new Set([...ctx.plan.implicitUnits.map((u) => u.unitId), ...implicitUnitsSet]);
        const implicit = ctx.directory.filter((u) => implicitIds.has(u.id));
        const sha256 = createHash('sha256').update(file.buffer).digest('hex');
        const run = await tx.importRun.create({
          data: { planId, fileName: file.name, sha256, rows: report.summary.items, created: 0, updated: 0, unchanged: 0, changes: {}, planVersion: ctx.plan.version },
        });
        const { changedItemIds, ...written } = await writeItems(tx, planId, desiredItems(parsed, implicit), run.id, w.now);
        const proposalsAdded = await this.remarks(tx, planId, run.id, report);
        const changes = { ...written, onboarding, implicitUnitsSet: ctx.directory.filter((u) => implicitUnitsSet.includes(u.id)).map((u) => u.name), proposalsAdded };
        await tx.importRun.update({
          where: { id: run.id },
          data: { created: changes.created.length, updated: changes.updated.length, unchanged: changes.unchanged, changes: changes as object },
        });
        await w.audit([
          {
            action: 'import.committed',
            entityType: 'ImportRun',
            entityId: run.id,
            related: { type: 'Plan', id: planId },
            after: { planId, fileName: file.name, sha256, planVersion: ctx.plan.version, created: changes.created, updated: changes.updated, unchanged: changes.unchanged, assignments: changes.assignments },
          },
        ]);
        if (changedItemIds.length) {
          await w.announce([{ type: 'work_items.changed', aggregateType: 'Plan', aggregateId: planId, payload: { planId, importRunId: run.id, workItemIds: changedItemIds } }]);
        }
        return { ...report, importId: run.id, changes };
      },
      { timeout: 120_000 },
    );
  }

  /** The committed imports of a plan, newest first: each document version's change report. */
  async history(planId: string) {
    await this.context(this.prisma, planId);
    const runs = await this.prisma.importRun.findMany({ where: { planId }, orderBy: { createdAt: 'desc' } });
    return runs.map((r) => ({
      id: r.id,
      fileName: r.fileName,
      sha256: r.sha256,
      planVersion: r.planVersion,
      rows: r.rows,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      changes: r.changes,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  private analyse(file: ImportFile, ctx: PlanContext, options: ImportOptions): Promise<Analysis> {
    return analyseImport(file.buffer, file.name, ctx.directory, {
      maxRows: this.config.IMPORT_MAX_ROWS,
      planYear: options.planYear,
      jurisdiction: ctx.jurisdiction,
      excludedNames: ctx.excluded,
    });
  }

  private async context(db: Tx | PrismaService, planId: string): Promise<PlanContext> {
    const plan = await db.plan.findUnique({ where: { id: planId }, include: { implicitUnits: { select: { unitId: true } }, jurisdiction: true } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    // One after the other: inside a transaction both run on one connection, which pg does not multiplex.
    const directory = await loadDirectory(db, plan.jurisdictionId);
    const excluded = await db.unitNameExclusion.findMany({ where: { jurisdictionId: plan.jurisdictionId }, select: { name: true } });
    return {
      plan,
      directory,
      excluded: excluded.map((e) => e.name),
      jurisdiction: { id: plan.jurisdiction.id, name: plan.jurisdiction.name, kind: plan.jurisdiction.kind },
    };
  }

  /**
   * 「下述工作事项，均需…落实，不再重复列出」 in the document: those units support every item. Taken only when the
   * office has not set the plan's implicit units itself, and only units the directory knows.
   */
  private async impliedUnits(tx: Tx, ctx: PlanContext, report: ImportReport): Promise<string[]> {
    const implied = report.summary.implicitUnits;
    if (!implied || ctx.plan.implicitUnits.length > 0) return [];
    const ids = [...new Set(implied.names.flatMap((n) => ctx.directory.filter((u) => u.name === n).map((u) => u.id)))];
    if (ids.length) await tx.planImplicitUnit.createMany({ data: ids.map((unitId) => ({ planId: ctx.plan.id, unitId })), skipDuplicates: true });
    return ids;
  }

  /** Reviewer remarks in the file's unit lists become open proposals on the assignments they are about (once each). */
  private async remarks(tx: Tx, planId: string, importRunId: string, report: ImportReport): Promise<number> {
    const remarks = report.summary.assignmentProposals;
    if (remarks.length === 0) return 0;
    const rowByIdentity = new Map(report.rows.map((r) => [r.identity, r]));
    const items = await tx.workItem.findMany({ where: { planId }, select: { id: true, seq: true, itemNo: true, assignments: { where: { endedAt: null }, select: { id: true, unit: { select: { name: true } } } } } });
    const itemByKey = new Map(items.map((i) => [`${i.seq}-${i.itemNo}`, i]));
    const data = remarks.flatMap((r) => {
      const row = rowByIdentity.get(r.identity);
      const item = row ? itemByKey.get(`${row.seq}-${row.item}`) : undefined;
      const assignment = item?.assignments.find((a) => a.unit.name === r.unit);
      return assignment ? [{ assignmentId: assignment.id, importRunId, kind: r.kind as ProposalKind, remark: r.remark, transferTo: r.transferTo ?? null }] : [];
    });
    const { count } = await tx.assignmentProposal.createMany({ data, skipDuplicates: true });
    return count;
  }

  private assertSize(file: ImportFile) {
    if (file.buffer.length > this.config.IMPORT_MAX_BYTES) {
      throw new DomainError('IMPORT.TOO_LARGE', 413, `文件超过 ${Math.round(this.config.IMPORT_MAX_BYTES / 1048576)} MB 上限`, [{ field: 'file', message: `上限 ${this.config.IMPORT_MAX_BYTES} 字节` }]);
    }
  }
}
