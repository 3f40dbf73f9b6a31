import { matchKey } from './text.js';

/** Administrative level a name's prefix or place names, coarse enough to compare names across spellings. */
export type Level = 'province' | 'city' | 'county' | 'town';

/** A unit name taken apart: 「银川市发展和改革委员会」 → place 银川市, level city, core 发改委. */
export interface NameParts {
  /** A place name printed before the body (「银川市」「石嘴山市」), or null. */
  place: string | null;
  /** Whether the place is one this plan knows (its jurisdiction, its superiors, its own units). */
  knownPlace: boolean;
  level: Level | null;
  party: boolean;
  /** The body without place and prefix, long forms folded to the usual short ones. */
  core: string;
  /** Which abbreviation rules folded the core, for the evidence shown to the office. */
  folded: string[];
}

/**
 * Long and short forms of the same body. Each pair folds to the short form. Order matters: the
 * longest phrasing first.
 */
export const ABBREVIATIONS: [RegExp, string, string][] = [
  [/发展和改革委员会|发展改革委员会|发展和改革委|发展改革委/, '发改委', '发展和改革委员会 ↔ 发改委'],
  [/工业和信息化/, '工信', '工业和信息化 ↔ 工信'],
  [/经济和信息化|经济信息化/, '经信', '经济和信息化 ↔ 经信'],
  [/住房和城乡建设|住房城乡建设/, '住建', '住房和城乡建设 ↔ 住建'],
  [/市场监督管理/, '市场监管', '市场监督管理 ↔ 市场监管'],
  [/人力资源和社会保障|人力资源社会保障/, '人社', '人力资源和社会保障 ↔ 人社'],
  [/国有资产监督管理委员会|国有资产监督管理委/, '国资委', '国有资产监督管理委员会 ↔ 国资委'],
  [/交通运输/, '交通', '交通运输 ↔ 交通'],
  [/科学技术/, '科技', '科学技术 ↔ 科技'],
  [/文化和旅游|文化旅游|文化体育和旅游/, '文旅', '文化和旅游 ↔ 文旅'],
  [/地方金融监督管理|地方金融监管|地方金融|金融工作/, '金融', '地方金融监督管理 ↔ 金融'],
  [/综合行政执法/, '执法', '综合行政执法 ↔ 执法'],
  [/城市管理/, '城管', '城市管理 ↔ 城管'],
  [/生态环境保护/, '生态环境', '生态环境保护 ↔ 生态环境'],
  [/自然资源和规划/, '自然资源', '自然资源和规划 ↔ 自然资源'],
  [/应急管理/, '应急', '应急管理 ↔ 应急'],
  [/委员会$/, '委', '委员会 ↔ 委'],
];

const LEVEL_PREFIX: [RegExp, Level, boolean][] = [
  [/^自治区党委/, 'province', true],
  [/^省委/, 'province', true],
  [/^(市委|州委|盟委)/, 'city', true],
  [/^(区委|县委|旗委)/, 'county', true],
  [/^(自治区|省)/, 'province', false],
  [/^(市直|市属|市)/, 'city', false],
  [/^(区|县|旗)/, 'county', false],
];

const PLACE_SUFFIX: [RegExp, Level][] = [
  [/(省|自治区)$/, 'province'],
  [/(市|州|盟)$/, 'city'],
  [/(区|县|旗)$/, 'county'],
  [/(镇|乡|街道)$/, 'town'],
];

export function levelOfPlace(place: string): Level | null {
  return PLACE_SUFFIX.find(([re]) => re.test(place))?.[1] ?? null;
}

/** 「银川市」 → 「银川」; what a place is often called without its suffix. */
export function shortPlace(place: string): string {
  return place.replace(/(回族自治区|维吾尔自治区|壮族自治区|自治区|省|市|州|盟|区|县|旗)$/, '');
}

// An unknown place before a department: 「石嘴山市财政局」. The remainder must read as a department,
// so that 「市场监管局」「市政管理局」「工业园区管委会」 are not taken for places.
const UNKNOWN_PLACE = /^([\u4e00-\u9fa5]{2,7}?(?:省|自治区|市|盟|州|县|区|旗))((?!场|政|直|属|委)[\u4e00-\u9fa5()]{2,}(?:局|委|办|厅|中心|办公室))$/;

function fold(core: string): { core: string; folded: string[] } {
  const folded: string[] = [];
  let out = core;
  for (const [re, short, note] of ABBREVIATIONS) {
    if (!re.test(out)) continue;
    out = out.replace(re, short);
    if (note) folded.push(note);
  }
  return { core: out, folded };
}

/**
 * The readings of a name, most likely first. 「市政管理局」 has two (市 + 政管理局, or the body
 * 市政管理局), so callers compare every reading.
 */
export function nameParts(name: string, knownPlaces: string[]): NameParts[] {
  let key = matchKey(name);
  let place: string | null = null;
  let knownPlace = false;
  const known = knownPlaces.flatMap((p) => [p, shortPlace(p)]).filter((p) => p.length >= 2).sort((a, b) => b.length - a.length).find((p) => key.startsWith(p) && key.length > p.length + 1);
  if (known) {
    place = knownPlaces.find((p) => p === known || shortPlace(p) === known) ?? known;
    knownPlace = true;
    key = key.slice(known.length);
  } else {
    const m = key.match(UNKNOWN_PLACE);
    // 「自治区发展改革委」: 自治区 is a level, not a place.
    if (m && !/^(自治区|自治州)$/.test(m[1])) {
      place = m[1];
      key = m[2];
    }
  }
  const readings: NameParts[] = [];
  const prefix = LEVEL_PREFIX.find(([re]) => re.test(key));
  if (prefix) {
    const rest = key.replace(prefix[0], '');
    if (rest.length >= 2) readings.push({ place, knownPlace, level: prefix[1], party: prefix[2], ...fold(rest) });
  }
  readings.push({ place, knownPlace, level: place ? levelOfPlace(place) : null, party: false, ...fold(key) });
  return readings;
}
