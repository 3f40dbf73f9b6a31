import JSZip from 'jszip';
import { DomainError } from '../../common/domain-error.js';

export type FileFormat = 'xlsx' | 'docx' | 'text';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (buf: Buffer, magic: number[]) => magic.every((b, i) => buf[i] === b);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

const WHAT_TO_UPLOAD = '请上传 Word 文档（.docx）、Excel 任务分工表（.xlsx 或 .csv）或纯文本（.txt）';

/** An OLE compound file is a legacy .doc/.xls, or an OOXML file encrypted with a password (its EncryptedPackage stream). */
function refuseOle(buf: Buffer, fileName: string): never {
  if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) {
    throw new DomainError('IMPORT.ENCRYPTED', 422, `文件「${fileName}」设置了打开密码（已加密），无法读取：请在 Word 或 Excel 中取消密码后另存，再上传 .docx 或 .xlsx 文件`);
  }
  if (buf.includes(utf16('WordDocument'))) {
    throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, '不支持旧版 Word（.doc）格式：请在 Word 中另存为 .docx 后再导入');
  }
  throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, '不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再导入');
}

function refuseBinary(buf: Buffer): never {
  const head = buf.subarray(0, 8).toString('latin1');
  if (head.startsWith('%PDF')) {
    throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, `不读取 PDF 文件（包括扫描件）：PDF 中的表格和段落无法可靠还原。${WHAT_TO_UPLOAD}，可向印发单位索取原件`);
  }
  if (head.startsWith('\x89PNG') || head.startsWith('\xff\xd8\xff') || head.startsWith('GIF8') || head.startsWith('II*\x00') || head.startsWith('MM\x00*')) {
    throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, `上传的是图片（扫描件或截图），无法读取文字：${WHAT_TO_UPLOAD}`);
  }
  throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, `文件不是可读取的表格或文档：${WHAT_TO_UPLOAD}`);
}

/**
 * Detects the format from the bytes, never from the file name, so a renamed file cannot slip
 * through: a zip holding word/document.xml is Word, one holding xl/ is Excel; an OLE file is a
 * legacy or encrypted Office file; PDF and images are refused with what to upload instead;
 * anything else that is text is a CSV table or a plain-text plan (the caller decides which).
 */
export async function detectFormat(buf: Buffer, fileName = '上传的文件'): Promise<{ format: FileFormat; zip?: JSZip }> {
  if (buf.length === 0) throw new DomainError('IMPORT.EMPTY_FILE', 400, '上传的文件为空');
  if (startsWith(buf, ZIP_MAGIC)) {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(buf);
    } catch {
      throw new DomainError('IMPORT.UNREADABLE', 422, '无法读取文件：文件已损坏，或不是 Excel（.xlsx）或 Word（.docx）文档');
    }
    if (zip.file('word/document.xml')) return { format: 'docx', zip };
    if (zip.file('xl/workbook.xml')) return { format: 'xlsx', zip };
    throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, `压缩文件中没有 Word 或 Excel 文档：${WHAT_TO_UPLOAD}`);
  }
  if (startsWith(buf, OLE_MAGIC)) refuseOle(buf, fileName);
  const utf16Bom = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  // Binary content (NUL bytes) is neither a CSV table nor a text plan.
  if (!utf16Bom && buf.subarray(0, 4096).includes(0)) refuseBinary(buf);
  if (buf.subarray(0, 4).toString('latin1') === '%PDF') refuseBinary(buf);
  return { format: 'text' };
}

/**
 * Text as written: UTF-16 with a byte-order mark, UTF-8 (with or without BOM), else GB18030 (what Excel and
 * Notepad write in China). A UTF-8 file with a few damaged bytes (a truncated copy, one pasted character) stays
 * UTF-8, the damage shown as �: GB18030 text read as UTF-8 gives almost no valid Chinese character, while
 * such a file gives hundreds for each damaged byte, and reading it as GB18030 would garble every name in it.
 */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    const lenient = new TextDecoder('utf-8', { ignoreBOM: false }).decode(buf);
    const damaged = lenient.match(/\uFFFD/g)?.length ?? 0;
    const chinese = lenient.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
    return chinese >= damaged * MOSTLY_UTF8 ? lenient : new TextDecoder('gb18030').decode(buf);
  }
}

/** Valid Chinese characters per damaged sequence above which a file is taken for damaged UTF-8. */
const MOSTLY_UTF8 = 50;
