import type { ParsedRow, RowProblem } from './row-parser.js';
import type { UnitMention } from './unit-splitter.js';

export type MentionStatus = 'matched' | 'unknown' | 'collective';

export interface MentionReport {
  text: string;
  name: string;
  status: MentionStatus;
  /** For collectives: the units the assignment fans out to. */
  members?: string[];
}

export interface RowReport {
  line: number;
  seq: string;
  item: number;
  area: string | null;
  measure: string | null;
  work: string;
  responsibilitySource: ParsedRow['responsibilitySource'];
  lead: MentionReport | null;
  coLeads: MentionReport[];
  supporting: MentionReport[];
  targets: { year: number | null; text: string; comparator: string; value: number | null; unit: string | null; firmness: string | null }[];
  deadline: { kind: string; date: string | null; text: string; basis: string } | null;
  problems: RowProblem[];
}

export interface ImportReport {
  summary: {
    rows: number;
    items: number;
    units: { matched: number; unknown: number; collective: number };
    unknownNames: string[];
    errors: number;
    warnings: number;
    skippedLines: number[];
  };
  rows: RowReport[];
}

function mention(m: UnitMention): MentionReport {
  const r = m.resolution;
  if (r.status === 'unknown') return { text: m.text, name: m.name, status: 'unknown' };
  return { text: m.text, name: r.unit.name, status: r.status, ...(r.status === 'collective' ? { members: (r.unit.members ?? []).map((u) => u.name) } : {}) };
}

export function buildReport(parsed: ParsedRow[], skippedLines: number[]): ImportReport {
  const byStatus: Record<MentionStatus, Set<string>> = { matched: new Set(), unknown: new Set(), collective: new Set() };
  const rows = parsed.map((row): RowReport => {
    const leads = row.leads.map(mention);
    const supporting = row.supporting.map(mention);
    for (const m of [...leads, ...supporting]) byStatus[m.status].add(m.name);
    return {
      line: row.line,
      seq: row.seq,
      item: row.itemNo,
      area: row.area?.title ?? null,
      measure: row.measure?.title ?? null,
      work: row.text,
      responsibilitySource: row.responsibilitySource,
      lead: leads[0] ?? null,
      coLeads: leads.slice(1),
      supporting,
      targets: row.targets.map((t) => ({ year: t.year, text: t.text, comparator: t.comparator, value: t.value, unit: t.unit, firmness: t.firmness })),
      deadline: row.deadline ? { kind: row.deadline.kind, date: row.deadline.date, text: row.deadline.text, basis: row.deadline.basis } : null,
      problems: row.problems,
    };
  });
  const problems = parsed.flatMap((r) => r.problems);
  return {
    summary: {
      rows: parsed.length + skippedLines.length,
      items: parsed.length,
      units: { matched: byStatus.matched.size, unknown: byStatus.unknown.size, collective: byStatus.collective.size },
      unknownNames: [...byStatus.unknown],
      errors: problems.filter((p) => p.level === 'error').length,
      warnings: problems.filter((p) => p.level === 'warning').length,
      skippedLines,
    },
    rows,
  };
}
