import ExcelJS from 'exceljs';

export interface LedgerRow {
  no: string;
  area: string;
  text: string;
  lead: string;
  supporting: string;
  deadline: string;
  targets: string;
  progress: string;
  light: 'green' | 'yellow' | 'red' | null;
  problems: string;
}

export const LEDGER_HEADER = ['序号', '重点领域', '主要工作', '牵头单位', '配合单位', '完成时限', '目标', '最新进展', '灯', '存在问题'];
const WIDTHS = [7, 14, 48, 18, 22, 14, 28, 40, 6, 28];
export const LIGHT_NAMES = { green: '绿', yellow: '黄', red: '红' } as const;
export const LIGHT_FILLS = { green: 'FF63BE7B', yellow: 'FFFFEB84', red: 'FFF8696B' } as const;

/**
 * 工作台账: one row per work item in the plan's order, the area merged down its rows, header frozen and
 * filterable, lights as coloured cells, printed on A4 landscape, one page wide.
 */
export async function buildLedger(title: string, rows: LedgerRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '碳达峰实施方案责任落实跟踪';
  const ws = wb.addWorksheet('工作台账', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2', margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
  });
  ws.mergeCells(1, 1, 1, LEDGER_HEADER.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const header = ws.getRow(2);
  header.values = LEDGER_HEADER;
  header.font = { name: '黑体', size: 11, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const thin = { style: 'thin' as const };
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 3);
    row.values = [r.no, r.area, r.text, r.lead, r.supporting, r.deadline, r.targets, r.progress, r.light ? LIGHT_NAMES[r.light] : '—', r.problems];
    row.alignment = { vertical: 'top', wrapText: true };
    row.font = { name: '仿宋_GB2312', size: 10 };
    if (r.light) {
      const c = row.getCell(9);
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS[r.light] } };
      c.alignment = { horizontal: 'center', vertical: 'middle' };
    }
  });
  // The area once per run of rows, as in the printed table.
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i].area !== rows[start].area) {
      if (i - start > 1) ws.mergeCells(start + 3, 2, i + 2, 2);
      ws.getCell(start + 3, 2).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      start = i;
    }
  }
  for (let r = 2; r <= rows.length + 2; r++) for (let c = 1; c <= LEDGER_HEADER.length; c++) ws.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: rows.length + 2, column: LEDGER_HEADER.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface IndicatorTableRow {
  indicator: string;
  unit: string;
  direction: string;
  seq: string;
  target: string;
  actual: string;
  verification: string;
  outcome: string;
  explanation: string;
}

export const INDICATOR_HEADER = ['指标', '计量单位', '方向', '事项序号', '目标', '实际值', '核实状态', '评价', '算式说明'];

export async function buildIndicatorTable(title: string, rows: IndicatorTableRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标完成情况', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, INDICATOR_HEADER.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: '黑体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getRow(2).values = INDICATOR_HEADER;
  ws.getRow(2).font = { name: '黑体', bold: true };
  [24, 14, 10, 8, 36, 14, 10, 10, 50].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rows.forEach((r, i) => {
    ws.getRow(i + 3).values = [r.indicator, r.unit, r.direction, r.seq, r.target, r.actual, r.verification, r.outcome, r.explanation];
    ws.getRow(i + 3).alignment = { vertical: 'top', wrapText: true };
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: rows.length + 2, column: INDICATOR_HEADER.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
