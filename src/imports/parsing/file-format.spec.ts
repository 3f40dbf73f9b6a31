import JSZip from 'jszip';
import { analyseImport } from '../import-analyser.js';
import { decodeText } from './file-format.js';

const analyse = (buf: Buffer) => analyseImport(buf, '分工表', [], { maxRows: 100 });
const ole = (...streams: string[]) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, 'utf16le')), Buffer.alloc(512)]);

describe('formats are told by their bytes, and refused files say what to upload instead', () => {
  it('refuses a PDF (scanned or not), naming the formats it reads', async () => {
    await expect(analyse(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).rejects.toMatchObject({ code: 'IMPORT.UNSUPPORTED_TYPE', status: 415, message: expect.stringMatching(/PDF.*\.docx.*\.xlsx/) });
  });

  it('refuses a password-protected Office file with 422 and says how to fix it', async () => {
    await expect(analyse(ole('EncryptionInfo', 'EncryptedPackage'))).rejects.toMatchObject({ code: 'IMPORT.ENCRYPTED', status: 422, message: expect.stringContaining('密码') });
  });

  it('refuses legacy .doc and .xls files, asking for .docx or .xlsx', async () => {
    await expect(analyse(ole('WordDocument'))).rejects.toMatchObject({ status: 415, message: expect.stringContaining('.docx') });
    await expect(analyse(ole('Workbook'))).rejects.toMatchObject({ status: 415, message: expect.stringContaining('.xlsx') });
  });

  it('refuses images and zips that hold no Word or Excel document; a broken zip is unreadable', async () => {
    await expect(analyse(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).rejects.toMatchObject({ status: 415, message: expect.stringContaining('图片') });
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    await expect(analyse(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toMatchObject({ status: 415, code: 'IMPORT.UNSUPPORTED_TYPE' });
    await expect(analyse(Buffer.from('PK\x03\x04 not a zip'))).rejects.toMatchObject({ status: 422, code: 'IMPORT.UNREADABLE' });
    await expect(analyse(Buffer.alloc(0))).rejects.toMatchObject({ status: 400, code: 'IMPORT.EMPTY_FILE' });
  });

  it('reads a table saved as UTF-16 text (Excel’s 「Unicode text」), tab-separated', async () => {
    const text = '序号\t工作任务\t牵头单位\n1\t推进光伏发电\t市发改委\n';
    const { report } = await analyse(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(report.rows.map((r) => [r.work, r.lead?.name])).toEqual([['推进光伏发电', '市发改委']]);
  });

  it('keeps a UTF-8 table with one damaged byte as UTF-8, and still reads GB18030', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i + 1},推进屋顶分布式光伏建设,市发改委,市住建局`).join('\n');
    const damaged = decodeText(Buffer.concat([Buffer.from(`序号,工作任务,牵头单位,配合单位\n${rows}\n`), Buffer.from([0xe5, 0x8f])]));
    expect(damaged).toContain('1,推进屋顶分布式光伏建设,市发改委,市住建局');
    expect(damaged.match(/\uFFFD/g)).toHaveLength(1);
    // 「市发改委」 in GB18030: not UTF-8, read as GB18030.
    expect(decodeText(Buffer.from([0xca, 0xd0, 0xb7, 0xa2, 0xb8, 0xc4, 0xce, 0xaf]))).toBe('市发改委');
  });
});
