import type { RawRow } from './table-reader.js';
import { matchKey } from './text.js';
import { isCollectiveName, looksLikeUnit, splitRemark, splitVague } from './unit-names.js';
import { tokenize } from './unit-splitter.js';

/** What a column's cells look like, to judge a column by its content and not only by its header. */
export interface ColumnProfile {
  filled: number;
  medianLength: number;
  /** Share of filled cells that read as sentences (end in 。 or hold several clauses). */
  sentenceShare: number;
  /** Share of filled cells that are lists of unit names. */
  unitShare: number;
}

function isUnitCell(cell: string): boolean {
  const tokens = tokenize(cell);
  if (tokens.length === 0 || matchKey(cell).length > 120) return false;
  const unitLike = tokens.filter((t) => {
    const { name, vague } = splitVague(splitRemark(t.text).name);
    return vague !== null || (name !== null && (looksLikeUnit(name) || isCollectiveName(name)));
  });
  return unitLike.length / tokens.length >= 0.6;
}

export function profileColumns(rows: RawRow[], width: number): ColumnProfile[] {
  const profiles: ColumnProfile[] = [];
  for (let i = 0; i < width; i++) {
    const cells = rows.map((r) => r.cells[i] ?? '').filter((c) => c !== '');
    if (cells.length === 0) {
      profiles.push({ filled: 0, medianLength: 0, sentenceShare: 0, unitShare: 0 });
      continue;
    }
    const lengths = cells.map((c) => matchKey(c).length).sort((a, b) => a - b);
    profiles.push({
      filled: cells.length,
      medianLength: lengths[Math.floor(lengths.length / 2)],
      sentenceShare: cells.filter((c) => /[。！？]/.test(c) || (c.match(/[，,；;]/g)?.length ?? 0) >= 3).length / cells.length,
      unitShare: cells.filter(isUnitCell).length / cells.length,
    });
  }
  return profiles;
}
