import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { AppConfig } from '../config/app-config.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { Upload } from '../common/uploads.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { reportLifecycle } from './report.lifecycle.js';
import { ReportsService } from './reports.service.js';

const MAX_FILES_PER_REPORT = 20;

// Evidence types offices exchange: the type is read from the bytes, never trusted from the name.
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const TYPES: { mime: string; ext: string[]; magic: number[]; entry?: string }[] = [
  { mime: 'application/pdf', ext: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46] },
  { mime: 'image/png', ext: ['png'], magic: [0x89, 0x50, 0x4e, 0x47] },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'], magic: [0x50, 0x4b, 0x03, 0x04] },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'], magic: [0x50, 0x4b, 0x03, 0x04] },
  // The national standard for official e-documents (GB/T 33190): a zip whose root holds OFD.xml.
  { mime: 'application/ofd', ext: ['ofd'], magic: [0x50, 0x4b, 0x03, 0x04], entry: 'OFD.xml' },
  // Legacy Word/Excel and WPS files share the OLE compound-file header.
  { mime: 'application/msword', ext: ['doc'], magic: OLE },
  { mime: 'application/vnd.ms-excel', ext: ['xls'], magic: OLE },
  { mime: 'application/vnd.ms-works', ext: ['wps', 'et', 'dps'], magic: OLE },
];
const ACCEPTED = 'PDF、OFD、PNG、JPEG、Word（.docx/.doc）、Excel（.xlsx/.xls）、WPS（.wps/.et）';

/** A zip-based type must also contain its defining entry (an OFD is not any zip renamed). */
async function hasEntry(buffer: Buffer, entry: string): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(buffer);
    return zip.file(entry) !== null;
  } catch {
    return false;
  }
}

/**
 * An evidence file's type, read from its bytes and matching its extension; refuses empty, oversized and
 * other files. Shared by progress-report evidence and indicator actuals.
 */
export async function evidenceType(file: Upload, maxBytes: number): Promise<{ mime: string }> {
  if (file.buffer.length === 0) throw new DomainError('EVIDENCE.EMPTY', 400, '文件为空', [{ field: 'file', message: '空文件' }]);
  if (file.buffer.length > maxBytes) throw new DomainError('EVIDENCE.TOO_LARGE', 413, `佐证材料不能超过 ${Math.round(maxBytes / 1048576)} MB`);
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const type = TYPES.find((t) => t.ext.includes(ext) && t.magic.every((b, i) => file.buffer[i] === b));
  if (!type || (type.entry && !(await hasEntry(file.buffer, type.entry)))) {
    throw new DomainError('EVIDENCE.TYPE', 415, `佐证材料只接受 ${ACCEPTED}，且文件内容须与扩展名一致`, [{ field: 'file', message: `「${file.name}」不是可接受的文件` }]);
  }
  return type;
}

@Injectable()
export class EvidenceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reports: ReportsService,
    private readonly workflow: WorkflowService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks the file first (type from the bytes, size), then attaches it under the report's row lock with the
   * same checks as a save (own unit, editable state, open period), counting the files inside the lock so that
   * concurrent uploads cannot pass the limit together.
   */
  async upload(p: Principal, reportId: string, file: Upload) {
    const type = await evidenceType(file, this.config.EVIDENCE_MAX_BYTES);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.workflow.withLocked(reportLifecycle, 'save', p, reportId, async (w, report) => {
      if (report.evidence.length >= MAX_FILES_PER_REPORT) throw new DomainError('EVIDENCE.TOO_MANY', 422, `每份报告最多 ${MAX_FILES_PER_REPORT} 个佐证材料`);
      const row = await w.tx.evidenceFile.create({
        data: { reportId, fileName: file.name, mimeType: type.mime, size: file.buffer.length, sha256, content: new Uint8Array(file.buffer), uploadedById: p.userId },
        select: { id: true, fileName: true, mimeType: true, size: true, sha256: true, createdAt: true },
      });
      await w.audit([{ action: 'evidence.uploaded', entityType: 'ProgressReport', entityId: reportId, related: { type: 'WorkItem', id: report.workItemId }, after: { evidenceId: row.id, fileName: row.fileName, size: row.size, sha256 } }]);
      return { id: row.id, fileName: row.fileName, mimeType: row.mimeType, size: row.size, sha256: row.sha256, uploadedAt: row.createdAt.toISOString() };
    });
  }

  /** Served only to those who may read the report; anyone else gets the same 404 as for a missing file. */
  async download(p: Principal, reportId: string, evidenceId: string) {
    await this.reports.visible(p, reportId);
    const file = await this.prisma.evidenceFile.findFirst({ where: { id: evidenceId, reportId } });
    if (!file) throw notFound('佐证材料', 'EVIDENCE.NOT_FOUND');
    return file;
  }
}
