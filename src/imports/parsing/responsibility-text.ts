import { bracketGroups, toHalfWidth } from './text.js';
import { isCollectiveName, looksLikeUnit, splitRemark, splitVague } from './unit-names.js';
import { tokenize } from './unit-splitter.js';

/** Unit lists found inside work text, for plans whose tables have no unit columns and for plan documents. */
export interface TextResponsibility {
  /** Listed leads in order; the first is the principal lead. */
  lead?: string;
  /** A plain 责任单位 list: its first unit leads, the rest support (unless a note says otherwise). */
  responsible?: string;
  supporting?: string;
  /** 责任处室: a department's internal divisions. */
  divisions?: string;
  /** A 完成时限 inside the clause. */
  deadline?: string;
  /** 「按照职责分工分别负责」: each listed unit answers for its own part. */
  perMandate?: boolean;
  /** 「下述工作事项,均需X、Y落实,不再重复列出」: units implied for every later item. */
  implicit?: string;
  form: 'labelled' | 'inline' | 'by' | 'duty' | 'bare';
  /** The fragment the lists were read from, as printed. */
  source: string;
  /** The whole clause as printed, brackets included: what is taken out of the stored work text. */
  clause: string;
  start: number;
  end: number;
}

const LABELS: [RegExp, 'lead' | 'responsible' | 'supporting' | 'divisions' | 'deadline'][] = [
  [/^(?:牵头单位|牵头部门|牵头处室|牵头)$/, 'lead'],
  [/^(?:责任单位|责任部门|责任主体|实施单位|承办单位)$/, 'responsible'],
  [/^(?:配合单位|参与单位|协办单位|配合部门|协同单位|协助单位)$/, 'supporting'],
  [/^(?:责任处室|责任科室)$/, 'divisions'],
  [/^(?:完成时限|完成时间|时间节点|时限要求|完成期限|时限)$/, 'deadline'],
];
const LABEL = /(牵头单位|牵头部门|牵头处室|责任单位|责任部门|责任主体|实施单位|承办单位|配合单位|参与单位|协办单位|配合部门|协同单位|协助单位|责任处室|责任科室|完成时限|完成时间|时间节点|时限要求|完成期限|牵头|时限)\s*:\s*/g;
const PER_MANDATE = /(?:按照?|根据)?(?:各自)?职责(?:分工)?(?:分别)?(?:负责|落实)$|(?:分别)?负责$|(?:分别)?落实$/;
const IMPLICIT = /均需(.+?)(?:落实|负责|参与|执行)[,;]?\s*(?:不再|不另)(?:重复)?列出/;
const SENTENCE_END = /[。;!?\n]/;

/** Whether every name of a list reads as a unit: what tells 「（区发改委、工信局）」 from 「（物流园区）建设」. */
function allUnits(list: string, allowVague = false): boolean {
  const tokens = tokenize(list).map((t) => splitRemark(t.text.replace(/[(（〈【〔][^()（）〈〉【】〔〕]*[)）〉】〕]$/, '')).name);
  if (tokens.length === 0) return false;
  return tokens.every((t) => {
    const { name, vague } = splitVague(t);
    if (!name) return allowVague && Boolean(vague);
    return looksLikeUnit(name) || isCollectiveName(name);
  });
}

function cleanList(list: string): { list: string; perMandate: boolean } {
  const trimmed = list.replace(/[。;；,，\s]+$/, '').trim();
  const perMandate = PER_MANDATE.test(toHalfWidth(trimmed));
  const cut = toHalfWidth(trimmed).replace(PER_MANDATE, '').length;
  return { list: trimmed.slice(0, cut).replace(/[。;；,，\s]+$/, '').trim(), perMandate };
}

/** 「市发改委、市工信局，2022年底前完成」: a deadline written at the end of a list is a deadline, not a unit. */
function peelDeadline(list: string): { units: string; deadline?: string } {
  const m = toHalfWidth(list).match(/[,;、]\s*([^,;、]*(?:\d{4}年|\d{1,2}月|年底|年内|季度|上半年|下半年)[^,;、]*)$/);
  if (!m || looksLikeUnit(m[1])) return { units: list };
  return { units: list.slice(0, m.index).trim(), deadline: list.slice(m.index! + m[0].length - m[1].length).trim() };
}

type Lists = Partial<Pick<TextResponsibility, 'lead' | 'responsible' | 'supporting' | 'divisions' | 'deadline' | 'perMandate' | 'implicit'>>;

/** 「牵头单位：X；配合单位：Y、Z；完成时限：…」 → lists by label. `half` and `original` are aligned. */
function labelled(half: string, original: string): Lists | undefined {
  const hits = [...half.matchAll(LABEL)];
  if (hits.length === 0) return undefined;
  const out: Lists = {};
  hits.forEach((hit, i) => {
    const from = hit.index! + hit[0].length;
    const to = i + 1 < hits.length ? hits[i + 1].index! : half.length;
    const kind = LABELS.find(([re]) => re.test(hit[1]))![1];
    const sentence = half.slice(from, to).split('。')[0];
    const raw = original.slice(from, from + sentence.length);
    if (kind === 'deadline') {
      out.deadline = raw.replace(/[;；。,，\s]+$/, '').trim();
      return;
    }
    const { list, perMandate } = cleanList(raw);
    if (perMandate) out.perMandate = true;
    const { units, deadline } = peelDeadline(list);
    if (deadline && !out.deadline) out.deadline = deadline;
    out[kind] = units;
  });
  const implicit = half.match(IMPLICIT);
  if (implicit) out.implicit = original.slice(implicit.index! + 2, implicit.index! + 2 + implicit[1].length);
  return out.lead || out.responsible || out.supporting || out.divisions ? out : undefined;
}

const INLINE = /^由?(.+?)牵头(?:负责)?[,;、]\s*(.+?)(?:配合|参与|协助|协同)(?:落实|实施)?[。;,]*$/d;
const LEAD_ONLY = /^由?(.+?)牵头(?:负责|落实|实施)?[。;,]*$/d;
const DUTY = /^由?(.+?)(?:按照?|根据)?(?:各自)?(?:职责(?:分工)?)?(?:分别)?(?:负责|落实)[。;,]*$/d;

/** The forms that need no label: 「X牵头，Y、Z配合」「由X牵头负责」「X负责」「各…按职责分工负责」. `half` and `original` are aligned. */
function unlabelled(half: string, original: string): (Lists & { form: TextResponsibility['form'] }) | undefined {
  const pad = half.length - half.trimStart().length;
  const t = half.trim();
  // 「…生态环境分局建议删除由市局负责」: that 负责 belongs to a reviewer's remark, not to the list.
  if (/建议[^、,;]*(负责|落实|牵头)[。;,]*$/.test(t)) return undefined;
  const slice = (m: RegExpMatchArray, group: number) => original.slice(pad + m.indices![group]![0], pad + m.indices![group]![1]).trim();
  const inline = t.match(INLINE);
  if (inline && allUnits(inline[1]) && allUnits(inline[2], true)) return { lead: slice(inline, 1), supporting: slice(inline, 2), form: 'inline' };
  const lead = t.match(LEAD_ONLY);
  if (lead && allUnits(lead[1])) return { lead: slice(lead, 1), form: 'by' };
  const duty = t.match(DUTY);
  if (duty && allUnits(duty[1], true)) return { responsible: slice(duty, 1), perMandate: /职责/.test(t), form: 'duty' };
  return undefined;
}

export interface ClauseOptions {
  /** Accept bare lists 「（区发改委、工信局、住建局）」 after a sentence; off for table cells with unit columns. */
  bareLists?: boolean;
}

/**
 * Every responsibility clause of a text, in order, with its position: bracketed (labelled, inline,
 * 由…牵头, …负责, or a bare list of units after a sentence) and unbracketed (「责任单位：X、Y」,
 * 「由X牵头负责」, a closing 「X牵头，Y配合。」 or 「X负责。」 sentence).
 */
export function findResponsibilityClauses(original: string, options: ClauseOptions = { bareLists: true }): TextResponsibility[] {
  const half = toHalfWidth(original);
  const found: TextResponsibility[] = [];
  const groups = bracketGroups(half);
  for (const g of groups) {
    const innerHalf = g.inner;
    const inner = original.slice(g.start + 1, g.end - 1);
    const at = { source: original.slice(g.start, g.end), clause: original.slice(g.start, g.end), start: g.start, end: g.end };
    const byLabel = labelled(innerHalf, inner);
    if (byLabel) {
      found.push({ ...byLabel, form: 'labelled', ...at });
      continue;
    }
    const plain = unlabelled(innerHalf, inner);
    if (plain) {
      found.push({ ...plain, ...at });
      continue;
    }
    const before = half.slice(0, g.start).trimEnd();
    const afterSentence = before === '' || SENTENCE_END.test(before.at(-1)!);
    if (options.bareLists && afterSentence && !/[。:]/.test(innerHalf) && allUnits(inner)) {
      found.push({ responsible: inner.trim(), form: 'bare', ...at });
    }
  }
  // Unbracketed forms, outside the bracketed clauses already found.
  let masked = half;
  for (const f of found) masked = masked.slice(0, f.start) + '\u0000'.repeat(f.end - f.start) + masked.slice(f.end);
  for (const m of masked.matchAll(/(?:^|(?<=[。;,\n]))[^。;,\n\u0000]*?(?:牵头单位|责任单位|责任部门|配合单位|牵头部门|责任处室)\s*:[^。\n\u0000]*/g)) {
    const text = m[0];
    const offset = m.index! + text.search(/牵头单位|责任单位|责任部门|配合单位|牵头部门|责任处室/);
    const clauseHalf = half.slice(offset, m.index! + text.length);
    const lists = labelled(clauseHalf, original.slice(offset, offset + clauseHalf.length));
    if (lists) found.push({ ...lists, form: 'labelled', source: original.slice(offset, offset + clauseHalf.length), clause: original.slice(offset, offset + clauseHalf.length), start: offset, end: offset + clauseHalf.length });
  }
  for (const m of masked.matchAll(/由([^,;。()\u0000\n]+?)牵头(?:负责|落实)?(?:[,;]\s*([^,;。()\u0000\n]+?)(?:配合|参与|协助))?(?=[,;。\n]|$)/dg)) {
    if (found.some((f) => m.index! < f.end && f.start < m.index! + m[0].length) || !allUnits(m[1])) continue;
    const [start, end] = m.indices![0]!;
    const group = (i: number) => (m.indices![i] ? original.slice(m.indices![i]![0], m.indices![i]![1]).trim() : undefined);
    found.push({ lead: group(1), ...(m[2] ? { supporting: group(2) } : {}), form: 'by', source: original.slice(start, end), clause: original.slice(start, end), start, end });
  }
  // A closing sentence 「市发改委牵头，市工信局配合。」 or 「各县区按职责分工负责。」 at the end of a paragraph.
  for (const m of masked.matchAll(/(?:^|(?<=[。;\n]))([^。;\n\u0000]+?)[。;]?(?=\n|$)/g)) {
    const start = m.index! + (m[0].length - m[0].trimStart().length);
    if (found.some((f) => start < f.end && f.start < m.index! + m[0].length)) continue;
    const plain = unlabelled(m[1], original.slice(m.index!, m.index! + m[1].length));
    if (plain) {
      const end = m.index! + m[0].length;
      found.push({ ...plain, source: original.slice(start, end), clause: original.slice(start, end), start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Reads responsibility written in the text, as national and provincial plans do:
 * 「（牵头单位：省发展改革委；参与单位：省工业和信息化厅、省住房城乡建设厅）」,
 * 「(责任单位:市发改委、工信局…按照职责分工分别负责)」, 「由市发改委、市统计局牵头负责」,
 * 「（X牵头，Y、Z配合）」. Returns the last clause (a work text ends with its responsibility), or
 * undefined when the text names nobody.
 */
export function responsibilityFromText(original: string, options?: ClauseOptions): TextResponsibility | undefined {
  return findResponsibilityClauses(original, options).at(-1);
}

/** The text without a clause, punctuation left tidy: 「建立统计体系,由市发改委牵头负责。」 → 「建立统计体系。」. */
export function removeClause(text: string, clause: { start: number; end: number }): string {
  const before = text.slice(0, clause.start).replace(/[，,；;、\s]+$/, '');
  const after = text.slice(clause.end).replace(/^[\s]+/, '');
  const joined = /^[。.;；]/.test(after) && /[。.;；]$/.test(before) ? before + after.slice(1) : before + after;
  return joined.trim();
}
