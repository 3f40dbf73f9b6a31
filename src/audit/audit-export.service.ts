import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { beijingTime, dayToDate } from '../common/dates.js';
import { DomainError } from '../common/domain-error.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { AuditService } from './audit.service.js';
import type { AuditExportQuery, AuditSearchQuery } from './dto/audit-query.dto.js';

const EXPORT_LIMIT = 100_000;
const HEADERS = ['编号', '时间（北京时间）', '操作人', '操作人单位', '动作', '对象类型', '对象编号', '关联对象', '变更前', '变更后', '请求编号', '来源地址'];

/**
 * The office's view of the whole trail: filtered by entity type, action, actor and days (Beijing time), and
 * exported as CSV or Excel with Beijing times. Reserved for those who verify the chain (the office).
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async search(q: AuditSearchQuery) {
    const where = this.where(q);
    const [rows, total] = await Promise.all([
      this.prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      this.prisma.auditEvent.count({ where }),
    ]);
    return { items: rows.map((r) => this.audit.view(r)), total, page: q.page, pageSize: q.pageSize };
  }

  async export(q: AuditExportQuery): Promise<{ body: Buffer; mime: string; fileName: string }> {
    const where = this.where(q);
    const total = await this.prisma.auditEvent.count({ where });
    if (total > EXPORT_LIMIT) throw new DomainError('AUDIT.EXPORT_TOO_LARGE', 422, `符合条件的记录有 ${total} 条，超过单次导出上限 ${EXPORT_LIMIT} 条，请缩小日期范围`, [{ field: 'from', message: '请缩小范围' }]);
    const rows = await this.prisma.auditEvent.findMany({ where, orderBy: { id: 'asc' } });
    const units = new Map((await this.prisma.unit.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.actorUnitId ? [r.actorUnitId] : [])))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    const lines = rows.map((r) => [
      r.id.toString(),
      beijingTime(r.occurredAt),
      r.actorName ?? '',
      r.actorUnitId ? (units.get(r.actorUnitId) ?? r.actorUnitId) : '',
      r.action,
      r.entityType,
      r.entityId ?? '',
      r.relatedType ? `${r.relatedType} ${r.relatedId}` : '',
      r.before === null ? '' : JSON.stringify(r.before),
      r.after === null ? '' : JSON.stringify(r.after),
      r.requestId ?? '',
      r.clientIp ?? '',
    ]);
    // Who took the trail out, and which part of it, is part of the trail.
    await this.audit.recordAlone({ action: 'audit.exported', entityType: 'AuditTrail', after: { format: q.format, entityType: q.entityType ?? null, action: q.action ?? null, actorId: q.actorId ?? null, from: q.from ?? null, to: q.to ?? null, rows: rows.length } });
    const stamp = new Date().toISOString().slice(0, 10);
    if (q.format === 'csv') {
      const csv = [HEADERS, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n');
      // A BOM so that Excel in China opens the UTF-8 file with its Chinese intact.
      return { body: Buffer.concat([Buffer.from('\ufeff'), Buffer.from(csv)]), mime: 'text/csv; charset=utf-8', fileName: `审计记录-${stamp}.csv` };
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审计记录', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(HEADERS).font = { bold: true };
    for (const l of lines) ws.addRow(l);
    ws.columns.forEach((c, i) => (c.width = [10, 18, 14, 22, 22, 16, 38, 30, 40, 40, 38, 16][i]));
    ws.autoFilter = { from: 'A1', to: 'L1' };
    return { body: Buffer.from(await wb.xlsx.writeBuffer()), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `审计记录-${stamp}.xlsx` };
  }

  private where(q: AuditSearchQuery): Prisma.AuditEventWhereInput {
    // Days are Beijing days: [from 00:00, to 24:00) in Asia/Shanghai.
    const start = q.from ? new Date(dayToDate(q.from).getTime() - 8 * 3_600_000) : undefined;
    const end = q.to ? new Date(dayToDate(q.to).getTime() + 16 * 3_600_000) : undefined;
    return {
      ...(q.entityType ? { OR: [{ entityType: q.entityType }, { relatedType: q.entityType }] } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(start || end ? { occurredAt: { ...(start ? { gte: start } : {}), ...(end ? { lt: end } : {}) } } : {}),
    };
  }
}

function csvCell(v: string): string {
  // Formula injection: a cell starting with = + - @ is text, not a formula, when opened in Excel.
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
