import { toHalfWidth } from './text.js';

/** Unit lists found inside work text, for plans whose tables have no unit columns. */
export interface TextResponsibility {
  /** Listed leads in order; the first is the principal lead. */
  lead?: string;
  /** A plain 责任单位 list: its first unit leads, the rest support. */
  responsible?: string;
  supporting?: string;
  /** The fragment the lists were read from, as printed. */
  source: string;
}

const LEAD_LABEL = '(?:牵头单位|牵头部门|牵头)';
const SUPPORT_LABEL = '(?:配合单位|参与单位|协办单位|配合部门|协同单位)';
const RESPONSIBLE_LABEL = '(?:责任单位|责任部门)';
const TAIL = /(?:按照职责分工)?(?:分别)?(?:负责|落实)[^)]*$|等$/;

function cleanList(list: string): string {
  return list.replace(TAIL, '').replace(/[。;,\s]+$/, '').trim();
}

/**
 * Reads responsibility written in the text, as national and provincial plans do:
 * 「（牵头单位：省发展改革委；参与单位：省工业和信息化厅、省住房城乡建设厅）」,
 * 「(责任单位:市发改委、工信局…按照职责分工分别负责)」, 「由市发改委、市统计局牵头负责」,
 * 「（X牵头，Y、Z配合）」. Returns undefined when the text names nobody.
 */
export function responsibilityFromText(original: string): TextResponsibility | undefined {
  const text = toHalfWidth(original);
  for (const group of text.match(/\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g) ?? []) {
    const inner = group.slice(1, -1);
    const labelled = new RegExp(`(${LEAD_LABEL}|${SUPPORT_LABEL}|${RESPONSIBLE_LABEL})\\s*:\\s*`, 'g');
    const hits = [...inner.matchAll(labelled)];
    if (hits.length > 0) {
      const out: TextResponsibility = { source: group };
      hits.forEach((hit, i) => {
        const from = hit.index! + hit[0].length;
        const to = i + 1 < hits.length ? hits[i + 1].index! : inner.length;
        const list = cleanList(inner.slice(from, to).split('。')[0]);
        const label = hit[1];
        if (new RegExp(`^${RESPONSIBLE_LABEL}$`).test(label)) out.responsible = list;
        else if (new RegExp(`^${SUPPORT_LABEL}$`).test(label)) out.supporting = list;
        else out.lead = list;
      });
      return out;
    }
    const inline = inner.match(/^(.+?)牵头[,;]\s*(.+?)(?:配合|参与|协助|协同)$/);
    if (inline) return { lead: inline[1].trim(), supporting: inline[2].trim(), source: group };
    const leadOnly = inner.match(/^(.+?)牵头(?:负责)?$/);
    if (leadOnly) return { lead: leadOnly[1].trim(), source: group };
  }
  const by = text.match(/由([^,;。()]+?)牵头(?:负责|落实)?(?:[,;]\s*([^,;。()]+?)(?:配合|参与|协助))?/);
  if (by) return { lead: by[1].trim(), supporting: by[2]?.trim(), source: by[0] };
  return undefined;
}
