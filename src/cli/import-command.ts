import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from '../common/domain-error.js';
import { ImportsService } from '../imports/imports.service.js';
import type { ImportReport } from '../imports/parsing/report.js';
import type { CommitResult } from '../imports/imports.service.js';

export interface ImportOptions {
  plan: string;
  dryRun?: boolean;
  json?: boolean;
}

function describe(report: ImportReport): string {
  const lines = report.rows.map((r) => {
    const lead = [r.lead, ...r.coLeads].filter(Boolean).map((m) => `${m!.name}${m!.status === 'matched' ? '' : `[${m!.status === 'unknown' ? '未知' : '集合'}]`}`);
    const problems = r.problems.map((p) => `${p.level === 'error' ? '错误' : '提示'}：${p.message}`).join('；');
    return `第${r.line}行 序号${r.seq}-${r.item}  牵头：${lead.join('、') || '（无）'}  配合：${r.supporting.length}个  目标：${r.targets.length}条  期限：${r.deadline?.date ?? r.deadline?.kind ?? '无'}${problems ? `  ${problems}` : ''}`;
  });
  const s = report.summary;
  lines.push(
    `共 ${s.items} 项工作；单位：匹配 ${s.units.matched}，集合 ${s.units.collective}，未知 ${s.units.unknown}${s.unknownNames.length ? `（${s.unknownNames.join('、')}）` : ''}；错误 ${s.errors}，提示 ${s.warnings}`,
  );
  return lines.join('\n');
}

/** `npm run cli -- import <file> --plan <id> [--dry-run] [--json]`. Returns the process exit code. */
export async function runImport(app: INestApplicationContext, file: string, options: ImportOptions): Promise<number> {
  if (!isUUID(options.plan)) {
    process.stderr.write(`--plan 必须是方案编号（UUID），收到「${options.plan}」\n`);
    return 64;
  }
  const buffer = await readFile(file).catch(() => undefined);
  if (!buffer) {
    process.stderr.write(`无法读取文件：${file}\n`);
    return 66;
  }
  const imports = app.get(ImportsService);
  try {
    const upload = { buffer, name: basename(file) };
    const result = options.dryRun ? await imports.dryRun(options.plan, upload) : await imports.commit(options.plan, upload);
    process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : describe(result)}\n`);
    if (!options.json && 'changes' in result) {
      const c = (result as CommitResult).changes;
      process.stdout.write(`已提交：新建 ${c.created.length}，更新 ${c.updated.length}，未变 ${c.unchanged}，文件中已无 ${c.notInFile.length}\n`);
    }
    return result.summary.errors > 0 ? 1 : 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const body = { status: e.status, code: e.code, detail: e.message, errors: e.errors ?? [] };
    if (options.json) process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    else process.stderr.write(`${e.message}\n${(e.errors ?? []).map((x) => `  ${x.line ? `第${x.line}行 ` : ''}${x.field ?? ''} ${x.message}`).join('\n')}\n`);
    return 1;
  }
}
