import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { Upload as ImportFile } from '../common/uploads.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { UnitsService } from '../units/units.service.js';
import { analyseTable } from './import-analyser.js';
import { desiredItems, writeItems, type ImportChanges } from './import-writer.js';
import type { ImportReport } from './parsing/report.js';


export interface CommitResult extends ImportReport {
  importId: string;
  changes: ImportChanges;
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly units: UnitsService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async dryRun(planId: string, file: ImportFile): Promise<ImportReport> {
    const plan = await this.plan(planId);
    this.assertSize(file);
    const { report } = await analyseTable(file.buffer, await this.units.directory(plan.jurisdictionId), this.config.IMPORT_MAX_ROWS);
    return report;
  }

  /** One transaction: either every row lands or none does. */
  async commit(planId: string, file: ImportFile): Promise<CommitResult> {
    this.assertSize(file);
    return this.prisma.$transaction(
      async (tx) => {
        // Two imports into one plan at once would race on the same items: serialise them.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${planId}))`;
        const plan = await tx.plan.findUnique({ where: { id: planId }, include: { implicitUnits: true } });
        if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
        const directory = await this.units.directory(plan.jurisdictionId, tx);
        const { parsed, report } = await analyseTable(file.buffer, directory, this.config.IMPORT_MAX_ROWS);
        const errors = report.rows.flatMap((r) => r.problems.filter((p) => p.level === 'error').map((p) => ({ line: r.line, field: p.field, message: p.message })));
        if (errors.length) {
          throw new DomainError('IMPORT.ROW_ERRORS', 422, `有 ${errors.length} 处错误，未导入任何数据；请先修正后再导入`, errors, {
            unknownUnits: report.summary.unknownNames,
          });
        }
        const implicitIds = new Set(plan.implicitUnits.map((u) => u.unitId));
        const implicit = directory.filter((u) => implicitIds.has(u.id));
        const changes = await writeItems(tx, planId, desiredItems(parsed, implicit));
        const run = await tx.importRun.create({
          data: {
            planId,
            fileName: file.name,
            sha256: createHash('sha256').update(file.buffer).digest('hex'),
            rows: report.summary.items,
            created: changes.created.length,
            updated: changes.updated.length,
            unchanged: changes.unchanged,
            changes: changes as object,
          },
        });
        await this.audit.record(tx, {
          action: 'import.committed',
          entityType: 'ImportRun',
          entityId: run.id,
          after: { planId, fileName: file.name, sha256: run.sha256, created: changes.created, updated: changes.updated, unchanged: changes.unchanged },
        });
        return { ...report, importId: run.id, changes };
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }

  private async plan(id: string) {
    const plan = await this.prisma.plan.findUnique({ where: { id } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    return plan;
  }

  private assertSize(file: ImportFile) {
    if (file.buffer.length > this.config.IMPORT_MAX_BYTES) {
      throw new DomainError('IMPORT.TOO_LARGE', 413, `文件超过大小上限 ${Math.round(this.config.IMPORT_MAX_BYTES / 1024)} KB`);
    }
  }
}
