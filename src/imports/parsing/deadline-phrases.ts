import { findYearMarkers } from './targets.js';
import { toHalfWidth } from './text.js';

/** `superior`: the item follows the superior level's schedule (「按上级部署」); it has no date of its own. */
export type DeadlineKindName = 'dated' | 'period' | 'recurring' | 'ongoing' | 'soft' | 'superior';

export interface ParsedDeadline {
  kind: DeadlineKindName;
  /** ISO date (YYYY-MM-DD) the item is due, or null for recurring, ongoing, soft and superior deadlines, and when the year is unknown. */
  date: string | null;
  periodStart: string | null;
  before: boolean;
  /** Where it was read: the 完成时限 column (or a 完成时限 inside the responsibility clause) or the work text. */
  basis: 'column' | 'text';
  /** The phrase as printed (「6月底前」); for a cell holding one deadline, the whole cell. */
  text: string;
  /** The clause the phrase governs (「6月底前出台方案」), when a cell or text holds several milestones. */
  clause?: string;
  /** For a phrase without a year (「4月底前」「年底前」): taken from the plan's year, or missing (date null). */
  year?: 'plan' | 'missing';
}

export interface DeadlineOptions {
  /** The plan's year, for phrases that name none (「年底前」). */
  planYear?: number;
}

type Grammar = 'cell' | 'prose';

interface Hit {
  start: number;
  end: number;
  kind: DeadlineKindName;
  date: string | null;
  periodStart?: string | null;
  before?: boolean;
  /** True for month, day, quarter and half-year grain: these win over a five-year-plan mention. */
  fine?: boolean;
  year?: 'plan' | 'missing';
}

const FIVE_YEAR_PLANS: Record<string, [number, number]> = { 四: [2021, 2025], 五: [2026, 2030], 六: [2031, 2035] };
const CN_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
export const endOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

const BEFORE = '(之?前|以前)?';
const SUPERIOR_BODY = '(?:上级(?:部门)?|国家|中央|省级?|自治区|市级?|区级?|县级?)';
const SUPERIOR = (withRequirement: boolean) =>
  new RegExp(`(?:按照?|根据|依据|遵照)\\s*${SUPERIOR_BODY}(?:[和、及与]${SUPERIOR_BODY})*(?:的)?(?:统一)?(?:部署|安排|时限|时间节点|进度${withRequirement ? '|要求' : ''})(?:执行|推进|落实|完成)?`, 'g');
// Dates that are baselines or scopes, not deadlines: 「以2020年6月为基准」「2019年6月以来」「…底前建成的」.
const NOT_DUE = '(?!\\s*(?:为基|基准|以来|建成|的基础))';

/** Every dated or scheduled phrase of a text, as non-overlapping hits in order. */
function scan(half: string, grammar: Grammar, planYear: number | undefined): Hit[] {
  const hits: Hit[] = [];
  const add = (re: RegExp, make: (m: RegExpExecArray) => Omit<Hit, 'start' | 'end'> | undefined) => {
    for (const m of half.matchAll(re)) {
      const made = make(m as RegExpExecArray);
      if (made) hits.push({ start: m.index!, end: m.index! + m[0].length, ...made });
    }
  };
  const yearless = (month: number, day?: number): Omit<Hit, 'start' | 'end'> =>
    planYear
      ? { kind: 'dated', date: day ? iso(planYear, month, day) : endOfMonth(planYear, month), year: 'plan', fine: true }
      : { kind: 'dated', date: null, year: 'missing', fine: true };

  add(SUPERIOR(grammar === 'cell'), () => ({ kind: 'superior', date: null }));
  add(new RegExp(`(?:到|至|于)?\\s*(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*${BEFORE}${NOT_DUE}`, 'g'), (m) =>
    ({ kind: 'dated', date: iso(+m[1], +m[2], +m[3]), before: Boolean(m[4]), fine: true }));
  add(new RegExp(`(?:到|至|于)?\\s*(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(底|末|份)?\\s*${BEFORE}${NOT_DUE}`, 'g'), (m) =>
    +m[2] >= 1 && +m[2] <= 12 ? { kind: 'dated', date: endOfMonth(+m[1], +m[2]), before: Boolean(m[4]), fine: true } : undefined);
  add(new RegExp(`(?:到|至|于)?\\s*(\\d{4})\\s*年\\s*(上半年|下半年|(?:第)?([一二三四1-4])\\s*季度\\s*(?:末|底)?)\\s*${BEFORE}`, 'g'), (m) => {
    const y = +m[1];
    const month = m[2] === '上半年' ? 6 : m[2] === '下半年' ? 12 : CN_QUARTER[m[3]] * 3;
    return { kind: 'dated', date: endOfMonth(y, month), before: Boolean(m[4]), fine: true };
  });
  add(new RegExp(`(?<![\\d年每])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*${grammar === 'prose' ? '(之?前|以前)' : BEFORE}`, 'g'), (m) =>
    +m[1] >= 1 && +m[1] <= 12 ? { ...yearless(+m[1], +m[2]), before: Boolean(m[3]) } : undefined);
  add(new RegExp(`(?<![\\d年每])(\\d{1,2})\\s*月\\s*(底|末|份)?\\s*${BEFORE}`, 'g'), (m) => {
    if (+m[1] < 1 || +m[1] > 12) return undefined;
    // In prose a bare 「6月」 is an event, not a deadline: it needs 底, 末 or 前.
    if (grammar === 'prose' && !m[2] && !m[3]) return undefined;
    return { ...yearless(+m[1]), before: Boolean(m[3]) };
  });
  add(new RegExp(`(?<![\\d年每一二三两四五六七八九十])(?:今年|本年度?|当年)?(?:年底|年末)\\s*${BEFORE}|(?<![\\d年每一二三两四五六七八九十])年内`, 'g'), (m) => ({
    ...yearless(12, 31),
    before: Boolean(m[1]),
  }));
  add(new RegExp(`(?<![\\d年每])(上半年|下半年|(?:第)?([一二三四])\\s*季度\\s*(?:末|底)?)\\s*${BEFORE}`, 'g'), (m) => {
    const month = m[1] === '上半年' ? 6 : m[1] === '下半年' ? 12 : CN_QUARTER[m[2]] * 3;
    return { ...yearless(month), before: Boolean(m[3]) };
  });
  add(/(?:自|从)?\s*(\d{4})\s*年\s*(?:起|开始)/g, (m) => ({ kind: 'ongoing', date: null, periodStart: `${m[1]}-01-01` }));
  add(/"?十([四五六])五"?\s*(?:期间|时期|末)?/g, (m) => {
    const [from, to] = FIVE_YEAR_PLANS[m[1]];
    return { kind: 'period', date: `${to}-12-31`, periodStart: `${from}-01-01` };
  });
  for (const marker of findYearMarkers(half)) {
    const year = Math.max(...marker.years);
    hits.push({ start: marker.index, end: marker.end, kind: 'dated', date: `${year}-12-31`, before: marker.before });
  }
  // Earliest first; at one start the longest wins; anything overlapping an accepted hit is dropped.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept;
}

const SCHEDULE: Record<Grammar, { kind: DeadlineKindName; re: RegExp }[]> = {
  cell: [
    { kind: 'recurring', re: /每年年底前|每年|每季度|每半年|每月|年度|逐年|定期|常态化/ },
    { kind: 'ongoing', re: /长期坚持|持续|长期|逐步|不断|进一步|常态|动态/ },
    { kind: 'soft', re: /适时|尽早|尽快|率先|及时/ },
  ],
  prose: [
    { kind: 'recurring', re: /每年年底前|每年|每季度|每半年|分年度|逐年/ },
    { kind: 'ongoing', re: /长期坚持|持续推进|持续|常态化|逐步|不断/ },
    { kind: 'soft', re: /适时|尽早|尽快/ },
  ],
};

const SENTENCE = /[。;!?！？\n]/;
const CLAUSE = /[,;。，；！？!?\n]/;

function around(text: string, start: number, end: number, stop: RegExp): string {
  let from = start;
  while (from > 0 && !stop.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !stop.test(text[to])) to++;
  return text.slice(from, to).trim();
}

/**
 * All milestones of a cell or a text, each with its phrase as printed: 「6月底前出台方案，年底前完成」 →
 * two dated milestones. A month, day or quarter wins over a five-year-plan mention in the same
 * sentence. Recurring, ongoing and soft phrases count only where nothing is dated, and then once,
 * because prose is full of 「持续」 and 「逐步」.
 */
export function findDeadlines(original: string, basis: 'column' | 'text', options: DeadlineOptions = {}): ParsedDeadline[] {
  const grammar: Grammar = basis === 'column' ? 'cell' : 'prose';
  const half = toHalfWidth(original);
  let hits = scan(half, grammar, options.planYear);
  const sentenceOf = (h: Hit) => around(half, h.start, h.end, SENTENCE);
  const fineSentences = new Set(hits.filter((h) => h.fine).map(sentenceOf));
  hits = hits.filter((h) => h.kind !== 'period' || !fineSentences.has(sentenceOf(h)));
  const schedule = SCHEDULE[grammar].map((s) => ({ ...s, m: half.match(s.re) })).find((s) => s.m);
  const start = hits.find((h) => h.periodStart && h.kind === 'ongoing');
  if (start && schedule?.kind === 'recurring') start.kind = 'recurring';
  if (hits.length === 0 && schedule?.m) {
    hits.push({ start: schedule.m.index!, end: schedule.m.index! + schedule.m[0].length, kind: schedule.kind, date: null });
  }
  const several = hits.length > 1;
  return hits.map((h) => ({
    kind: h.kind,
    date: h.date,
    periodStart: h.periodStart ?? null,
    before: h.before ?? false,
    basis,
    text: original.slice(h.start, h.end).trim(),
    ...(several ? { clause: around(original, h.start, h.end, CLAUSE) } : {}),
    ...(h.year ? { year: h.year } : {}),
  }));
}

const MAIN_ORDER: DeadlineKindName[] = ['dated', 'period', 'superior', 'recurring', 'ongoing', 'soft'];

/**
 * The deadline an item is judged by: the latest dated milestone (the last one on a tie, as the
 * completion usually comes last), else the first of the other kinds in the order above.
 */
export function mainDeadline(list: ParsedDeadline[]): ParsedDeadline | undefined {
  const dated = list.filter((d) => d.kind === 'dated' && d.date);
  if (dated.length > 0) return dated.reduce((a, b) => (b.date! >= a.date! ? b : a));
  for (const kind of MAIN_ORDER) {
    const found = list.find((d) => d.kind === kind);
    if (found) return found;
  }
  return undefined;
}
