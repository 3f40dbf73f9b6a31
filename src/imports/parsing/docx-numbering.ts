import { intToChinese } from './numbering.js';
import { xmlEvents } from './xml-lite.js';

interface Level {
  start: number;
  format: string;
  text: string;
}

interface StyleInfo {
  name: string;
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  outline?: number;
}

const TIAN_GAN = '甲乙丙丁戊己庚辛壬癸';
const ROMAN: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];

function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) (out += s), (n -= v);
  return out;
}

/** One counter value in a Word number format (numFmt). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return intToChinese(n);
    case 'ideographTraditional':
      return TIAN_GAN[(n - 1) % 10];
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x245f + n) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

/**
 * Word's automatic numbering: numbers shown before paragraphs (「一、」「（一）」「1.」) live in
 * numbering.xml, not in the text. This renders them as Word displays them, counting per list,
 * so that the plan reads the same as on screen. Covers direct numbering and numbering inherited
 * from a paragraph style (headings), with start values and restarts.
 */
export class DocxNumbering {
  private readonly abstracts = new Map<string, Level[]>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  private readonly styles = new Map<string, StyleInfo>();
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(numberingXml?: string, stylesXml?: string) {
    if (numberingXml) this.readNumbering(numberingXml);
    if (stylesXml) this.readStyles(stylesXml);
  }

  private readNumbering(xml: string) {
    let abstractId: string | undefined;
    let numId: string | undefined;
    let ilvl = 0;
    for (const e of xmlEvents(xml)) {
      if (e.type !== 'open') continue;
      const val = e.attrs['w:val'];
      if (e.name === 'w:abstractNum') (abstractId = e.attrs['w:abstractNumId']), (numId = undefined), this.abstracts.set(abstractId, []);
      else if (e.name === 'w:num') (numId = e.attrs['w:numId']), (abstractId = undefined), this.nums.set(numId, { abstractId: '', starts: new Map() });
      else if (e.name === 'w:lvl' && abstractId !== undefined) (ilvl = Number(e.attrs['w:ilvl'] ?? 0)), (this.abstracts.get(abstractId)![ilvl] = { start: 1, format: 'decimal', text: `%${ilvl + 1}.` });
      else if (e.name === 'w:lvlOverride' && numId !== undefined) ilvl = Number(e.attrs['w:ilvl'] ?? 0);
      else if (e.name === 'w:abstractNumId' && numId !== undefined) this.nums.get(numId)!.abstractId = val;
      else if (e.name === 'w:startOverride' && numId !== undefined) this.nums.get(numId)!.starts.set(ilvl, Number(val));
      else if (abstractId !== undefined) {
        const level = this.abstracts.get(abstractId)![ilvl];
        if (!level) continue;
        if (e.name === 'w:start') level.start = Number(val);
        else if (e.name === 'w:numFmt') level.format = val;
        else if (e.name === 'w:lvlText') level.text = val ?? '';
      }
    }
  }

  private readStyles(xml: string) {
    let current: StyleInfo | undefined;
    for (const e of xmlEvents(xml)) {
      if (e.type === 'close' && e.name === 'w:style') current = undefined;
      if (e.type !== 'open') continue;
      const val = e.attrs['w:val'];
      if (e.name === 'w:style') {
        current = { name: '' };
        this.styles.set(e.attrs['w:styleId'], current);
      } else if (!current) continue;
      else if (e.name === 'w:name') current.name = val;
      else if (e.name === 'w:basedOn') current.basedOn = val;
      else if (e.name === 'w:numId') current.numId = val;
      else if (e.name === 'w:ilvl') current.ilvl = Number(val);
      else if (e.name === 'w:outlineLvl') current.outline = Number(val);
    }
  }

  private style(id: string | undefined, depth = 0): StyleInfo | undefined {
    const s = id ? this.styles.get(id) : undefined;
    if (!s || depth > 10) return s;
    const base = this.style(s.basedOn, depth + 1);
    return base ? { ...base, ...Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) } : s;
  }

  /** The heading level (1 for Heading 1 / 标题 1) a paragraph style gives, if any. */
  headingLevel(styleId: string | undefined, ownOutline?: number): number | undefined {
    if (ownOutline !== undefined && ownOutline < 9) return ownOutline + 1;
    const s = this.style(styleId);
    const byName = s?.name.match(/^(?:heading|标题)\s*(\d)$/i);
    if (byName) return Number(byName[1]);
    return s?.outline !== undefined && s.outline < 9 ? s.outline + 1 : undefined;
  }

  /** The number Word shows before a paragraph, advancing its list; null for bullets and unnumbered paragraphs. */
  label(styleId: string | undefined, numId: string | undefined, ilvl: number | undefined): string | null {
    const s = this.style(styleId);
    const id = numId ?? s?.numId;
    const level = ilvl ?? s?.ilvl ?? 0;
    if (!id || id === '0') return null;
    const num = this.nums.get(id);
    const levels = num ? this.abstracts.get(num.abstractId) : undefined;
    const lvl = levels?.[level];
    if (!num || !levels || !lvl || lvl.format === 'bullet' || lvl.format === 'none') return null;
    const startOf = (l: number) => num.starts.get(l) ?? levels[l]?.start ?? 1;
    const counter = this.counters.get(id) ?? [];
    for (let l = 0; l < level; l++) counter[l] ??= startOf(l);
    counter[level] = counter[level] === undefined ? startOf(level) : counter[level]! + 1;
    counter.length = level + 1;
    this.counters.set(id, counter);
    return lvl.text.replace(/%(\d)/g, (_, d: string) => formatNumber(counter[Number(d) - 1] ?? startOf(Number(d) - 1), levels[Number(d) - 1]?.format ?? 'decimal'));
  }
}
