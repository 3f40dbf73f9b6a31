import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';

/**
 * The usual layout of a government report (GB/T 9704 conventions): title in 方正小标宋简体 二号, level-1
 * headings in 黑体, level-2 in 楷体_GB2312, body in 仿宋_GB2312 三号. Word falls back to the east-Asian
 * font named in the document's defaults (宋体 / SimSun) where a machine lacks the official fonts, and to
 * Times New Roman for Latin text and figures.
 */
export const FONTS = { title: '方正小标宋简体', heading1: '黑体', heading2: '楷体_GB2312', body: '仿宋_GB2312', fallback: '宋体', latin: 'Times New Roman' };
const SIZE = { title: 44, body: 32, table: 24 }; // half-points: 二号 22pt, 三号 16pt, 小四 12pt

const font = (eastAsia: string) => ({ eastAsia, ascii: FONTS.latin, hAnsi: FONTS.latin, hint: 'eastAsia' as const });
const run = (text: string, eastAsia: string, size: number, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: font(eastAsia), size, ...extra });

export const title = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(text, FONTS.title, SIZE.title)] });
export const centredLine = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(text, FONTS.body, SIZE.body)] });
export const heading1 = (text: string) => new Paragraph({ spacing: { before: 200 }, indent: { firstLine: 640 }, children: [run(text, FONTS.heading1, SIZE.body)] });
export const heading2 = (text: string) => new Paragraph({ indent: { firstLine: 640 }, children: [run(text, FONTS.heading2, SIZE.body)] });
export const body = (text: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(text, FONTS.body, SIZE.body)] });
/** Level 3 「1.」 items: a bold number and the text. */
export const item = (number: string, text: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(number, FONTS.body, SIZE.body, { bold: true }), run(text, FONTS.body, SIZE.body)] });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cell = (text: string, header = false) =>
  new TableCell({
    borders: { top: border, bottom: border, left: border, right: border },
    children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, header ? FONTS.heading1 : FONTS.body, SIZE.table)] })],
  });

export function table(header: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

export async function officialDocument(children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: '碳达峰实施方案责任落实跟踪',
    styles: { default: { document: { run: { font: { eastAsia: FONTS.fallback, ascii: FONTS.latin, hAnsi: FONTS.latin }, size: SIZE.body } } } },
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
