import { findDeadlines, mainDeadline, parseDeadlinesCell, type ParsedDeadline } from './deadlines.js';
import { assignRoles, type ReadingState } from './responsibility.js';
import { removeClause, responsibilityFromText, type TextResponsibility } from './responsibility-text.js';
import { extractTargets, type ParsedTarget } from './targets.js';
import type { UnitDirectory } from './unit-directory.js';
import type { UnitMention } from './unit-splitter.js';

export interface RowProblem {
  level: 'error' | 'warning';
  code: string;
  field?: string;
  message: string;
}

/** The cells or text of one item before it is understood. */
export interface ItemDraft {
  /** The work text as printed; for a table, it may still hold a responsibility clause. */
  text: string;
  cells?: { lead?: string; responsible?: string; supporting?: string; divisions?: string };
  deadlineCell?: string;
  /** For documents: the clause found for this item (null: none). Undefined: search the text. */
  clause?: TextResponsibility | null;
}

export interface ItemContext {
  directory: UnitDirectory;
  reading: ReadingState;
  planYear?: number;
}

export interface ItemFields {
  text: string;
  leadText: string | null;
  supportingText: string | null;
  deadlineText: string | null;
  leads: UnitMention[];
  supporting: UnitMention[];
  responsibilitySource: 'columns' | 'text' | 'none';
  /** The responsibility clause as printed, taken out of `text`. */
  responsibilityClause: string | null;
  /** 「下述工作事项,均需X落实,不再重复列出」 found in this item's clause. */
  implicit: string | null;
  vague: string[];
  readingNote: string | null;
  targets: ParsedTarget[];
  deadline: ParsedDeadline | null;
  deadlines: ParsedDeadline[];
  problems: RowProblem[];
}

function mentionsProblems(field: string, mentions: UnitMention[]): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const m of mentions) {
    if (m.resolution.status === 'unknown') {
      problems.push(
        m.resolution.reason === 'ambiguous'
          ? { level: 'error', code: 'UNIT_AMBIGUOUS', field, message: `单位「${m.text}」对应多个单位（${m.resolution.candidates?.join('、')}），请使用全称` }
          : { level: 'error', code: 'UNIT_UNKNOWN', field, message: `未知单位「${m.text}」：请先新建该单位或为已有单位添加别名` },
      );
    }
    if (m.missingSeparator) {
      problems.push({ level: 'warning', code: 'MISSING_SEPARATOR', field, message: `「${m.text}」前缺少分隔符，已按已知单位拆分` });
    }
    if (m.proposal) {
      problems.push({ level: 'warning', code: 'REVIEWER_REMARK', field, message: `「${m.name}」附有审阅意见「${m.proposal.remark}」：已作为待确认的修改建议，未计入单位名称` });
    }
  }
  return problems;
}

/**
 * Everything an item holds besides its place: units (from unit cells, else from the text, the
 * clause taken out of the stored text), deadlines (a 完成时限 cell, else one inside the clause, else
 * the text), targets and the problems found on the way. Shared by tables and plan documents.
 */
export function itemFields(draft: ItemDraft, ctx: ItemContext): ItemFields {
  const problems: RowProblem[] = [];
  const cells = draft.cells ?? {};
  const hasCells = Boolean(cells.lead || cells.responsible || cells.supporting || cells.divisions);
  let text = draft.text;
  let clause: TextResponsibility | null = null;
  if (!hasCells && text) {
    clause = draft.clause === undefined ? (responsibilityFromText(text) ?? null) : draft.clause;
    if (clause && draft.clause === undefined) text = removeClause(text, clause);
  }
  const lists = hasCells ? cells : (clause ?? {});
  const roles = assignRoles(lists, ctx.directory, ctx.reading);
  const source: ItemFields['responsibilitySource'] = hasCells ? 'columns' : clause ? 'text' : 'none';
  if (hasCells) {
    problems.push(...mentionsProblems(cells.lead ? '牵头单位' : '责任单位', roles.leads), ...mentionsProblems('配合单位', roles.supporting));
  } else if (clause) {
    problems.push(...mentionsProblems('主要工作', [...roles.leads, ...roles.supporting]));
  }
  if (roles.vague.length > 0) {
    problems.push({ level: 'warning', code: 'VAGUE_UNITS', field: hasCells ? '配合单位' : '主要工作', message: `「${roles.vague.join('、')}」未指明具体单位：未作为单位导入，请补充具体单位` });
  }
  if (roles.notUnits.length > 0) {
    problems.push({ level: 'warning', code: 'NOT_A_UNIT', field: hasCells ? '配合单位' : '主要工作', message: `「${roles.notUnits.join('」「')}」不像单位名称：未作为单位导入，请检查单位列表` });
  }
  if (roles.leads.length === 0 && text) {
    problems.push({ level: 'warning', code: 'UNASSIGNED', field: '牵头单位', message: '未找到牵头单位：作为未分配任务导入，请补充责任单位' });
  }

  let deadlines: ParsedDeadline[] = [];
  const deadlineCell = draft.deadlineCell || null;
  if (deadlineCell) {
    deadlines = parseDeadlinesCell(deadlineCell, { planYear: ctx.planYear });
    if (deadlines.length === 0) problems.push({ level: 'warning', code: 'DEADLINE_UNREADABLE', field: '完成时限', message: `完成时限「${deadlineCell}」无法识别，未设定期限` });
  }
  if (deadlines.length === 0 && clause?.deadline) deadlines = parseDeadlinesCell(clause.deadline, { planYear: ctx.planYear }).map((d) => ({ ...d, basis: 'text' as const }));
  if (deadlines.length === 0 && text) deadlines = findDeadlines(text, 'text', { planYear: ctx.planYear });
  const missing = deadlines.filter((d) => d.year === 'missing');
  if (missing.length > 0) {
    problems.push({
      level: 'warning',
      code: 'DEADLINE_YEAR_MISSING',
      field: deadlineCell ? '完成时限' : '主要工作',
      message: `「${missing.map((d) => d.text).join('、')}」未写年份，也不知道方案年度：未设定日期，请在导入时指定方案年度`,
    });
  }

  return {
    text,
    leadText: cells.lead ?? cells.responsible ?? (hasCells ? (cells.divisions ?? null) : null),
    supportingText: cells.supporting ?? null,
    deadlineText: deadlineCell ?? (deadlines.length > 0 && clause?.deadline ? clause.deadline : null),
    leads: roles.leads,
    supporting: roles.supporting,
    responsibilitySource: source,
    responsibilityClause: clause?.clause ?? null,
    implicit: clause?.implicit ?? null,
    vague: roles.vague,
    readingNote: roles.notes.at(-1)?.text ?? ctx.reading.note?.text ?? null,
    targets: text ? extractTargets(text) : [],
    deadline: mainDeadline(deadlines) ?? null,
    deadlines,
    problems,
  };
}
