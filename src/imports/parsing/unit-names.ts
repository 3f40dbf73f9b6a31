import { matchKey, stripOuterBrackets, toHalfWidth } from './text.js';

// What a name of a responsible body ends with. A bracketed tail (「党校(行政学院)」) may follow.
const UNIT_SUFFIX =
  /(局|委|委员会|办|办公室|部|厅|院|所|中心|公司|集团|政府|管委会|园区|开发区|高新区|经开区|支行|分行|银行|处|科|室|股|站|队|协会|联合会|商会|学会|工会|妇联|科协|团委|团市委|团区委|工商联|党校|学院|学校|街道|办事处|镇|乡|县|区|市|旗|盟|州|海关|法院|检察院|馆|社|台)$/;

/** Whether a name reads as a responsible body (a bureau, a government, a park, a company), judged by its ending. */
export function looksLikeUnit(name: string): boolean {
  const key = matchKey(name).replace(/\([^()]*\)$/, '');
  if (key.length < 2 || key.length > 40 || /[。:;!?,]/.test(key)) return false;
  return UNIT_SUFFIX.test(key) || isCollectiveName(key);
}

/** 「各县(市)区人民政府」「市直各有关部门」: a placeholder for every member of a kind. */
export function isCollectiveName(name: string): boolean {
  const key = matchKey(name).replace(/\([^()]*\)$/, '');
  if (/各(有关|相关)?(部门|单位)$/.test(key)) return true;
  return /^(全市|全区|全县|市直|区直|县直)?各/.test(key) && (UNIT_SUFFIX.test(key) || /(部门|单位|企业|机构)$/.test(key));
}

/** Open-ended names that stand for nobody in particular: 「相关企业」「有关部门」「等有关单位」. */
const VAGUE = /^(?:等|及)?(?:其他|其它)?(?:相关|有关|其他|其它)(?:的)?(?:部门|单位|企业|机构|方面|组织|行业主管部门|主管部门)$/;
const VAGUE_TAIL = /^(.+?)(等(?:(?:其他|其它)?(?:相关|有关)?(?:的)?(?:部门|单位|企业|机构|方面|组织)?)?)$/;

/**
 * Splits an open-ended tail off a name: 「工信局等有关部门」 → 工信局 + 「等有关部门」; a wholly vague
 * name gives no name at all. Vague parts are flagged, never made into units.
 */
export function splitVague(name: string): { name: string | null; vague: string | null } {
  const key = matchKey(name);
  if (VAGUE.test(key) || /^等/.test(key)) return { name: null, vague: name };
  const tail = name.match(VAGUE_TAIL);
  if (tail && tail[1].trim() && looksLikeUnit(tail[1])) return { name: tail[1].trim(), vague: tail[2] };
  return { name, vague: null };
}

export type ProposalKind = 'remove' | 'to_supporting' | 'to_lead' | 'transfer' | 'comment';

/** A reviewer's remark on one unit of a list (「科技局建议删除」): a proposed change, never part of the name. */
export interface AssignmentProposal {
  kind: ProposalKind;
  /** The remark as printed: 「建议删除由市局负责」. */
  remark: string;
  /** Who should take over, as written (「市局」), for `transfer`. */
  transferTo?: string;
}

function proposalOf(remark: string): AssignmentProposal {
  const r = toHalfWidth(remark).replace(/\s+/g, '');
  const to = r.match(/(?:改由|由|调整为|改为|移交|交由)(.+?)(?:牵头)?(?:负责|承担|落实)?$/);
  if (/(删除|删去|去掉|不列入|拿掉)/.test(r)) {
    return to && !/^(配合|参与|牵头)单位$/.test(to[1]) ? { kind: 'transfer', remark, transferTo: to[1] } : { kind: 'remove', remark };
  }
  if (/(配合|参与|协办)(单位|部门)/.test(r)) return { kind: 'to_supporting', remark };
  if (/牵头(单位|部门)/.test(r)) return { kind: 'to_lead', remark };
  if (to) return { kind: 'transfer', remark, transferTo: to[1] };
  return { kind: 'comment', remark };
}

/** 「生态环境分局建议删除由市局负责」 → 生态环境分局 + a transfer proposal. */
export function splitRemark(token: string): { name: string; proposal?: AssignmentProposal } {
  const m = token.match(/^(.+?)((?:建议|拟|请)(?:删除|删去|去掉|调整|改为|改由|作为|列为|为|由|不列入|增加|移交).*)$/);
  if (!m || !m[1].trim()) return { name: token };
  return { name: m[1].trim(), proposal: proposalOf(m[2]) };
}

/** How to read the order of a list, as a note inside it says (「列第一位的为牵头单位，以下同」). */
export interface ReadingNote {
  text: string;
  mode: 'first-leads' | 'unordered' | 'marked-leads';
  /** The symbol that marks leads (「带*的为牵头单位」). */
  marker?: string;
  /** 「以下同」: the note holds for the rows that follow too. */
  persists: boolean;
}

export function readingNote(bracketInner: string): ReadingNote | undefined {
  const t = toHalfWidth(bracketInner).replace(/\s+/g, '');
  const persists = /以下同|下同|以下各项同|后同|余同/.test(t);
  if (/不分先后|排名不分|排序不分/.test(t)) return { text: bracketInner, mode: 'unordered', persists };
  const marked = t.match(/(?:带|标|加|有)(?:有)?"?([*＊★☆▲△※#])"?(?:号)?(?:的|者)?(?:为|是)牵头/);
  if (marked) return { text: bracketInner, mode: 'marked-leads', marker: marked[1], persists };
  if (/(第一|首位|首个|第1|排首|列首|排在首位|排名第一|列第一|排第一|位列第一)[^,。]{0,8}牵头|牵头(单位|部门)?[^,。]{0,4}(列|排)(在)?(第一|首)/.test(t)) {
    return { text: bracketInner, mode: 'first-leads', persists };
  }
  return undefined;
}

/** A bracket after a name that qualifies it rather than naming it: 「〈含街道、园区〉」. */
export function isQualifier(bracketInner: string): boolean {
  return /^(含|包括|包含|不含|除|其中|不包括)/.test(stripOuterBrackets(bracketInner).trim());
}

/** A bracket listing a department's internal divisions: 「（大气处、气候处）」. */
export function divisionsIn(bracketInner: string): string[] | undefined {
  const parts = bracketInner.split(/[、,，;；\s]+/).map((p) => p.trim()).filter(Boolean);
  return parts.length > 0 && parts.every((p) => /^[^\d]{1,12}(处|科|室|股)$/.test(p)) ? parts : undefined;
}
