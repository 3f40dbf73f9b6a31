import { matchKey } from './text.js';
import type { Level } from './unit-name-parts.js';
import { isCollectiveName, looksLikeUnit } from './unit-names.js';

/** The unit kinds of the database (enum UnitKind). */
export type UnitKindName = 'province' | 'city' | 'county' | 'town' | 'park' | 'department' | 'party_organ' | 'enterprise' | 'office' | 'collective' | 'other';

/** Where a new unit hangs: under the plan's jurisdiction, its superior, a department (for a division), or unknown. */
export type ParentRelation = 'jurisdiction' | 'superior' | 'department' | 'unknown';

export interface KindGuess {
  kind: UnitKindName | null;
  memberKind?: UnitKindName;
  parent: ParentRelation;
  evidence: string;
}

const LEVEL_WORD: Record<Level, string> = { province: '省（自治区）', city: '市', county: '县（区）', town: '乡镇（街道）' };
const PREFIX_LEVEL: [RegExp, Level][] = [
  [/^(自治区|省)/, 'province'],
  [/^(市委|市直|市属|市)(?!场|政)/, 'city'],
  [/^(区委|县委|旗委|区|县|旗)/, 'county'],
];

function memberKindOf(key: string): UnitKindName {
  if (/(园区|开发区|高新区|管委会)/.test(key)) return 'park';
  if (/(镇|乡|街道)/.test(key)) return 'town';
  if (/(县|区|市|旗)(人民)?政府$|县\(市\)区|县区|县\(区\)/.test(key)) return 'county';
  if (/企业/.test(key)) return 'enterprise';
  return 'department';
}

/**
 * Guesses what an unknown name is from the name alone and the level of the plan's jurisdiction:
 * 市…局 → a department of the city; …县/…区 under a city → a county; …园区 → a park; 国网…供电公司 → an
 * enterprise; 省…厅 → a department of the superior province; 中心支行 → another body; 市委…部 → a
 * party organ. The evidence says which rule applied, in words the office reads.
 */
export function guessKind(name: string, jurisdiction: Level | null, hasParentDepartment = false): KindGuess {
  const key = matchKey(name);
  if (isCollectiveName(key)) return { kind: 'collective', memberKind: memberKindOf(key), parent: 'jurisdiction', evidence: '以「各」开头，指代同类的全部单位（集合单位）' };
  if (/领导小组办公室$|领导小组办$/.test(key)) return { kind: 'office', parent: 'jurisdiction', evidence: '领导小组办公室' };
  if (/^国网|^国家电网|供电(分局|公司|局)$|(公司|集团|有限责任公司|股份有限公司)$/.test(key)) return { kind: 'enterprise', parent: 'jurisdiction', evidence: '名称以「公司」「集团」结尾或以「国网」开头：企业' };
  if (/(中心支行|人民银行|银保监|金融监管|海关|税务局|气象|邮政管理局|通信管理局|调查队|烟草|法院|检察院|消防救援|铁路|分行|支行|银行)/.test(key)) {
    return { kind: 'other', parent: 'jurisdiction', evidence: '金融、税务、海关、气象等垂直管理或驻地机构：其他单位' };
  }
  if (/(总工会|工会|团委|团市委|团区委|团县委|妇联|科协|工商联|残联|红十字会|文联)$/.test(key)) return { kind: 'other', parent: 'jurisdiction', evidence: '人民团体：其他单位' };
  if (/^(省委|市委|区委|县委|旗委|自治区党委|党委)|党校|工委$|纪委|组织部$|宣传部$|统战部$|政法委$|编办$|网信办$/.test(key)) {
    const superior = /^(省委|自治区党委)/.test(key) && jurisdiction !== 'province';
    return { kind: 'party_organ', parent: superior ? 'superior' : 'jurisdiction', evidence: '党委部门（如「市委…部」「党校」）：党的机关' };
  }
  if (hasParentDepartment || /^[^\d]{1,12}(处|科|室|股)$/.test(key)) {
    return { kind: 'other', parent: hasParentDepartment ? 'department' : 'unknown', evidence: '「处」「科」「室」：部门的内设处室，挂在所属部门下' };
  }
  if (/(园区|开发区|高新区|经开区|工业园|产业园|示范区|新区|合作区)(管委会|管理委员会)?$/.test(key)) return { kind: 'park', parent: 'jurisdiction', evidence: '名称以「园区」「开发区」等结尾：园区' };
  if (/(镇|乡|街道|街道办事处)(人民政府)?$/.test(key)) return { kind: 'town', parent: 'jurisdiction', evidence: '名称以「镇」「乡」「街道」结尾：乡镇（街道）' };
  const place = key.match(/^([\u4e00-\u9fa5]{1,8}?)(县|区|市|旗)(人民政府|政府)?$/);
  if (place && !/(局|委|办)$/.test(key)) {
    if (jurisdiction === 'province' && place[2] === '市') return { kind: 'city', parent: 'jurisdiction', evidence: '省级方案中的「…市」：下辖市' };
    if (jurisdiction === 'city' || jurisdiction === 'province') return { kind: 'county', parent: 'jurisdiction', evidence: `名称以「${place[2]}」结尾：下辖县（市、区）` };
    return { kind: 'county', parent: 'unknown', evidence: `名称以「${place[2]}」结尾：县（市、区）级行政区，请确认上级` };
  }
  if (/(局|委|办|办公室|厅|中心|所|站|队|院|馆)$/.test(key)) {
    const level = PREFIX_LEVEL.find(([re]) => re.test(key))?.[1] ?? null;
    const branch = /分局$/.test(key) ? '；「分局」为上级部门在本级的派出机构，按本级部门处理' : '';
    if (!level || level === jurisdiction) {
      return { kind: 'department', parent: 'jurisdiction', evidence: `${level ? `「${LEVEL_WORD[level]}」前缀与方案所属同级` : '未写级别前缀，按本级'}的工作部门${branch}` };
    }
    const above = jurisdiction !== null && ['province', 'city', 'county', 'town'].indexOf(level) < ['province', 'city', 'county', 'town'].indexOf(jurisdiction);
    return {
      kind: 'department',
      parent: above ? 'superior' : 'unknown',
      evidence: above ? `「${LEVEL_WORD[level]}」前缀：上级的工作部门` : `「${LEVEL_WORD[level]}」前缀：下级的工作部门，请确认所属`,
    };
  }
  if (looksLikeUnit(key)) return { kind: 'other', parent: 'jurisdiction', evidence: '像单位名称但无法判断类型：其他单位' };
  return { kind: null, parent: 'unknown', evidence: '不像单位名称（没有局、委、办、政府、公司等机构后缀）' };
}
