import type { UnitProposal } from './onboarding.js';
import type { ParsedRow, RowProblem } from './row-parser.js';
import type { AssignmentProposal } from './unit-names.js';
import type { UnitMention } from './unit-splitter.js';

export type MentionStatus = 'matched' | 'unknown' | 'collective';

export interface MentionReport {
  text: string;
  name: string;
  status: MentionStatus;
  /** For collectives: the units the assignment fans out to. */
  members?: string[];
  /** A bracket that qualifies the name (「含街道、园区」). */
  qualifier?: string;
  /** A reviewer's remark on this unit, as a proposed change the office accepts or rejects. */
  proposal?: AssignmentProposal;
  /** For an internal division (责任处室): its department. */
  parent?: string;
}

export interface DeadlineReport {
  kind: string;
  date: string | null;
  periodStart: string | null;
  before: boolean;
  text: string;
  basis: string;
  clause?: string;
  year?: 'plan' | 'missing';
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
  /** Added for imports of any layout; clients that do not know them ignore them. */
  identity: string;
  number: ParsedRow['number'];
  headingPath: { printed: string | null; title: string; level: number }[];
  sortKey: string;
  title: string | null;
  parts: { label: string; text: string }[];
  responsibilityClause: string | null;
  deadlines: DeadlineReport[];
  vague: string[];
  readingNote: string | null;
}

/** A problem of the whole file rather than of one row. */
export interface FileProblem {
  level: 'error' | 'warning';
  code: string;
  message: string;
  lines?: number[];
}

/** A reviewer's remark inside a unit list, listed for the office to accept or reject. */
export interface RemarkProposal extends AssignmentProposal {
  line: number;
  identity: string;
  unit: string;
  /** The role the unit is listed in now. */
  role: 'lead' | 'supporting';
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
    format: 'xlsx' | 'csv' | 'docx' | 'text';
    layout: 'table' | 'document';
    /** The year 「年底前」 and 「6月底前」 are dated in, and where it came from; null when unknown. */
    planYear: { year: number; source: 'option' | 'document' } | null;
    /** Rows read as headings (「一、能源领域」 spanning the table). */
    headingLines: number[];
    /** For each unknown name: make it an alias of a directory unit, create it, or mark it as not a unit. */
    unknownUnits: UnitProposal[];
    /** Reviewer remarks inside unit lists (「科技局建议删除」). */
    assignmentProposals: RemarkProposal[];
    /** Units the plan implies for every later item (「下述工作事项,均需…落实,不再重复列出」). */
    implicitUnits: { text: string; names: string[]; line: number } | null;
  };
  /** Problems of the whole file (another jurisdiction's list, an unknown plan year …). */
  problems: FileProblem[];
  rows: RowReport[];
}

export interface ReportContext {
  format: ImportReport['summary']['format'];
  layout: ImportReport['summary']['layout'];
  planYear: ImportReport['summary']['planYear'];
  headingLines: number[];
  unknownUnits: UnitProposal[];
  implicitUnits: ImportReport['summary']['implicitUnits'];
  problems: FileProblem[];
}

function mention(m: UnitMention): MentionReport {
  const r = m.resolution;
  const extra = { ...(m.qualifier ? { qualifier: m.qualifier } : {}), ...(m.proposal ? { proposal: m.proposal } : {}), ...(m.parent ? { parent: m.parent } : {}) };
  if (r.status === 'unknown') return { text: m.text, name: m.name, status: 'unknown', ...extra };
  return { text: m.text, name: r.unit.name, status: r.status, ...(r.status === 'collective' ? { members: (r.unit.members ?? []).map((u) => u.name) } : {}), ...extra };
}

export function buildReport(parsed: ParsedRow[], skippedLines: number[], context?: Partial<ReportContext>): ImportReport {
  const byStatus: Record<MentionStatus, Set<string>> = { matched: new Set(), unknown: new Set(), collective: new Set() };
  const remarks: RemarkProposal[] = [];
  const rows = parsed.map((row): RowReport => {
    const leads = row.leads.map(mention);
    const supporting = row.supporting.map(mention);
    for (const m of [...leads, ...supporting]) byStatus[m.status].add(m.name);
    for (const [role, list] of [['lead', row.leads], ['supporting', row.supporting]] as const) {
      for (const m of list) if (m.proposal) remarks.push({ line: row.line, identity: row.identity, unit: m.name, role, ...m.proposal });
    }
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
      identity: row.identity,
      number: row.number,
      headingPath: row.headingPath.map((h) => ({ printed: h.printed, title: h.title, level: h.level })),
      sortKey: row.sortKey,
      title: row.title,
      parts: row.parts,
      responsibilityClause: row.responsibilityClause,
      deadlines: row.deadlines.map((d) => ({ ...d })),
      vague: row.vague,
      readingNote: row.readingNote,
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
      format: context?.format ?? 'csv',
      layout: context?.layout ?? 'table',
      planYear: context?.planYear ?? null,
      headingLines: context?.headingLines ?? [],
      unknownUnits: context?.unknownUnits ?? [],
      assignmentProposals: remarks,
      implicitUnits: context?.implicitUnits ?? null,
    },
    problems: context?.problems ?? [],
    rows,
  };
}
