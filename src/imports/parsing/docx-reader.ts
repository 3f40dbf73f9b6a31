import type JSZip from 'jszip';
import { DomainError } from '../../common/domain-error.js';
import { DocxNumbering } from './docx-numbering.js';
import { tryFindHeader, type Header } from './header.js';
import { cleanLine, type Paragraph } from './plain-text.js';
import type { RawRow } from './table-reader.js';
import { cleanCell } from './text.js';
import { xmlEvents } from './xml-lite.js';

export interface DocxContent {
  /** Body paragraphs outside tables, with Word's automatic numbers rendered before their text. */
  paragraphs: Paragraph[];
  /** Every top-level table, its rows with merged cells repeated as Excel's master cells are. */
  tables: RawRow[][];
  /** The task table: the first table with a header, with the later tables of its width (a table continued after a page break). */
  tableRows: RawRow[];
  header?: Header;
}

interface Cell {
  paragraphs: string[];
  span: number;
  vMerge: 'restart' | 'continue' | null;
}

interface Table {
  rows: Cell[][];
  row: Cell[] | null;
  cell: Cell | null;
}

function gridRows(table: Table): string[][] {
  const grid: string[][] = [];
  for (const row of table.rows) {
    const cells: string[] = [];
    for (const cell of row) {
      const col = cells.length;
      const text = cell.vMerge === 'continue' ? (grid.at(-1)?.[col] ?? '') : cleanCell(cell.paragraphs.join('\n'));
      for (let i = 0; i < cell.span; i++) cells.push(text);
    }
    grid.push(cells);
  }
  return grid;
}

/** Reads a .docx: body paragraphs (with auto numbers and heading levels) and tables. */
export async function readDocx(zip: JSZip): Promise<DocxContent> {
  const read = (name: string) => zip.file(name)?.async('string');
  let xml: string;
  try {
    xml = (await read('word/document.xml'))!;
  } catch {
    throw new DomainError('IMPORT.UNREADABLE', 422, '无法读取 Word 文件：文件已损坏');
  }
  const numbering = new DocxNumbering(await read('word/numbering.xml'), await read('word/styles.xml'));
  const paragraphs: Paragraph[] = [];
  const tables: Table[] = [];
  const done: string[][][] = [];
  let text = '';
  let inText = false;
  let p: { style?: string; numId?: string; ilvl?: number; outline?: number } | null = null;
  let paraCount = 0;

  for (const e of xmlEvents(xml)) {
    const table = tables.at(-1);
    if (e.type === 'text') {
      if (inText && p) text += e.text;
      continue;
    }
    if (e.type === 'open') {
      const val = e.attrs['w:val'];
      switch (e.name) {
        case 'w:p': p = {}; text = ''; break;
        case 'w:pStyle': if (p) p.style = val; break;
        case 'w:numId': if (p) p.numId = val; break;
        case 'w:ilvl': if (p) p.ilvl = Number(val); break;
        case 'w:outlineLvl': if (p) p.outline = Number(val); break;
        case 'w:t': inText = true; break;
        case 'w:tab': if (p) text += ' '; break;
        case 'w:br': case 'w:cr': if (p) text += '\n'; break;
        case 'w:tbl': tables.push({ rows: [], row: null, cell: null }); break;
        case 'w:tr': if (table) table.row = []; break;
        case 'w:tc': if (table) table.cell = { paragraphs: [], span: 1, vMerge: null }; break;
        case 'w:gridSpan': if (table?.cell) table.cell.span = Math.max(1, Number(val) || 1); break;
        case 'w:vMerge': if (table?.cell) table.cell.vMerge = val === 'restart' ? 'restart' : 'continue'; break;
      }
      continue;
    }
    switch (e.name) {
      case 'w:t': inText = false; break;
      case 'w:p': {
        if (!p) break;
        const label = numbering.label(p.style, p.numId, p.ilvl);
        const full = `${label ?? ''}${text}`;
        if (table?.cell) table.cell.paragraphs.push(full);
        else {
          paraCount++;
          const headingLevel = numbering.headingLevel(p.style, p.outline);
          for (const piece of full.split('\n')) {
            const line = cleanLine(piece);
            if (line) paragraphs.push({ line: paraCount, text: line, ...(headingLevel ? { headingLevel } : {}) });
          }
        }
        p = null;
        break;
      }
      case 'w:tc': if (table?.cell && table.row) table.row.push(table.cell), (table.cell = null); break;
      case 'w:tr': if (table?.row) table.rows.push(table.row), (table.row = null); break;
      case 'w:tbl': {
        const closed = tables.pop()!;
        const grid = gridRows(closed);
        const outer = tables.at(-1);
        // A table inside a cell is read as that cell's text.
        if (outer?.cell) outer.cell.paragraphs.push(grid.map((r) => r.join(' ')).join('\n'));
        else done.push(grid);
        break;
      }
    }
  }

  let line = 0;
  const numbered = done.map((grid) => grid.map((cells) => ({ line: ++line, cells })).filter((r) => r.cells.some((c) => c !== '')));
  const at = numbered.findIndex((rows) => rows.length > 0 && tryFindHeader(rows));
  if (at < 0) return { paragraphs, tables: numbered, tableRows: [] };
  const width = numbered[at][0].cells.length;
  const tableRows = [numbered[at], ...numbered.slice(at + 1).filter((rows) => rows[0]?.cells.length === width)].flat();
  return { paragraphs, tables: numbered, tableRows, header: tryFindHeader(tableRows) };
}
