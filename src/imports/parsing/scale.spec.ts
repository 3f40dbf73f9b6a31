import { performance } from 'node:perf_hooks';
import { largePlanDocx, largePlanText, largeTableCsv, largeTableXlsx } from '../../../test/fixtures/imports/large.js';
import { demoDirectory } from '../../../test/yinchuan.js';
import { analyseImport } from '../import-analyser.js';

// Correctness at the sizes the issue names. Timings are printed with IMPORT_BENCH=1, never asserted:
// they depend on the machine.
async function timed(label: string, buf: Buffer) {
  const start = performance.now();
  const { report } = await analyseImport(buf, label, demoDirectory(), { maxRows: 5000, planYear: 2024 });
  if (process.env.IMPORT_BENCH) process.stdout.write(`${label}: ${Math.round(performance.now() - start)} ms, ${report.summary.items} items\n`);
  return report;
}

describe('large files', () => {
  it('dry-runs a 1,000-row table (xlsx and csv) with every row understood', async () => {
    for (const [label, buf] of [['1000-row xlsx', await largeTableXlsx(1000)], ['1000-row csv', largeTableCsv(1000)]] as const) {
      const report = await timed(label, buf);
      expect(report.summary).toMatchObject({ items: 1000, errors: 0, unknownNames: [] });
      expect(new Set(report.rows.map((r) => r.identity)).size).toBe(1000);
      expect(report.rows[0].deadlines.map((d) => d.date)).toEqual(['2024-06-30', '2024-12-31']);
    }
  });

  it('dry-runs a 200-page plan (text and Word) with every measure and its units', async () => {
    for (const [label, buf] of [['200-page text plan', largePlanText(200)], ['200-page docx plan', await largePlanDocx(200)]] as const) {
      const report = await timed(label, buf);
      expect(report.summary.items).toBeGreaterThan(1500);
      expect(report.summary.errors).toBe(0);
      expect(report.rows.every((r) => r.lead !== null && r.supporting.length === 1)).toBe(true);
      expect(new Set(report.rows.map((r) => r.identity)).size).toBe(report.summary.items);
    }
  });
});
