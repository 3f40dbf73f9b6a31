import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { demoUnits } from '../src/demo/demo-units.js';
import type { DirectoryUnit } from '../src/imports/parsing/unit-directory.js';

export const DEMO_DIR = resolve(import.meta.dirname, '../prisma/demo');
export const YINCHUAN_CSV = resolve(DEMO_DIR, 'yinchuan-task-division.csv');
export const YINCHUAN_UNITS_CSV = resolve(DEMO_DIR, 'yinchuan-units.csv');

/** The demo unit tree as an import directory, with names standing in for ids. */
export function demoDirectory(): DirectoryUnit[] {
  const units = demoUnits(YINCHUAN_UNITS_CSV);
  return units.map((u) => ({
    id: u.name,
    name: u.name,
    kind: u.kind,
    aliases: u.aliases,
    members: u.memberKind ? units.filter((m) => m.parent === u.parent && m.kind === u.memberKind).map((m) => ({ id: m.name, name: m.name })) : undefined,
  }));
}

export interface ExpectedRow {
  key: string;
  leads: Set<string>;
  supporting: Set<string>;
  targets: string[];
}

/**
 * What the transcription says each row means: the lead and supporting units from
 * yinchuan-units.csv (lead_rows, support_rows) and the target clauses from the table's targets column.
 */
export function expectedYinchuan(): Map<string, ExpectedRow> {
  const table = parse(readFileSync(YINCHUAN_CSV), { columns: true, bom: true }) as Record<string, string>[];
  const units = parse(readFileSync(YINCHUAN_UNITS_CSV), { columns: true, bom: true }) as Record<string, string>[];
  const multi = new Set(table.filter((r) => r.item === '2').map((r) => r.seq));
  const rows = new Map<string, ExpectedRow>();
  for (const r of table) {
    const key = multi.has(r.seq) ? `${r.seq}.${r.item}` : r.seq;
    rows.set(key, { key, leads: new Set(), supporting: new Set(), targets: r.targets ? r.targets.split('|') : [] });
  }
  for (const u of units) {
    for (const k of u.lead_rows.split(';').filter(Boolean)) rows.get(k)!.leads.add(u.name);
    for (const k of u.support_rows.split(';').filter(Boolean)) rows.get(k)!.supporting.add(u.name);
  }
  return rows;
}
