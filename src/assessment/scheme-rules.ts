import type { ProblemDetail } from '../common/domain-error.js';
import { criterionKind, type CriterionParams, type PlanData } from './criterion-kinds.js';
import type { GradeBand, ScoringScheme } from './scoring.js';

export const CRITERION_TYPES = ['computed', 'judged', 'veto'] as const;
export const CRITERION_TYPE_NAMES = { computed: '数据计算', judged: '评分', veto: '一票否决' } as const;

/**
 * What a criterion is judged on, declared with it. The last four are what the 2024 rules against
 * formalism forbid as grounds for points; they are listed so that a scheme naming them is refused with
 * the rule rather than with "unknown value".
 */
export const BASES = ['system_data', 'work_quality', 'innovation', 'target', 'other', 'leader_instruction', 'publicity', 'photos_traces', 'forms_count'] as const;
export type Basis = (typeof BASES)[number];

export const FORMALISM_RULE =
  '中共中央办公厅、国务院办公厅《整治形式主义为基层减负若干规定》（2024年）：督查检查考核不得以领导批示、宣传报道（媒体报道、信息采用）、图片视频等"留痕"材料、填报表格数量作为评价依据，不得要求基层另行报送材料';

/**
 * The kinds of criteria the rules forbid, each by its declared basis AND by the words that give it away
 * in a name or description (a criterion declared as `other` but named 「领导批示数量」 is still refused).
 */
const BANNED: { basis: Basis; what: string; words: RegExp }[] = [
  { basis: 'leader_instruction', what: '领导批示', words: /批示|领导(的)?(肯定|表扬)/ },
  { basis: 'publicity', what: '宣传报道、媒体报道', words: /宣传|报道|媒体|新闻|刊发|刊登|刊载|见报|稿件|信息(采用|采编|报送数量)|简报(采用|数量)|上稿/ },
  { basis: 'photos_traces', what: '图片、影像等"留痕"材料', words: /照片|图片|相片|影像|视频|截图|留痕|痕迹(管理|材料)|台账(数量|份数|本数)/ },
  { basis: 'forms_count', what: '填报表格数量', words: /(填报|报送|上报)?(表格|报表|表单)(的)?(数量|份数|张数|次数)|填表(数量|份数|次数)?|(填报|报送|上报)(材料)?(数量|份数|次数)/ },
];

export interface SchemeDefinition {
  baseScore: number;
  totalCap: number;
  parts: { key: string; name: string; weight: number; capMin?: number | null; capMax?: number | null }[];
  criteria: {
    key: string;
    partKey: string;
    name: string;
    description?: string;
    type: (typeof CRITERION_TYPES)[number];
    basis: Basis;
    kind?: string;
    params?: CriterionParams;
    rangeMin?: number;
    rangeMax?: number;
    capMin?: number | null;
    capMax?: number | null;
  }[];
  bands: { excellent: number; good: number; pass: number };
  excellentMaxShare: number | null;
  appealDays: number;
}

/** The criteria a scheme may not contain, each with the field at fault and the rule. */
export function formalismRefusals(def: Pick<SchemeDefinition, 'criteria'>): ProblemDetail[] {
  return def.criteria.flatMap((c, i) => {
    const byBasis = BANNED.find((b) => b.basis === c.basis);
    if (byBasis) return [{ field: `criteria[${i}].basis`, message: `「${c.name}」以${byBasis.what}为评价依据，违反${FORMALISM_RULE}` }];
    const text = `${c.name} ${c.description ?? ''}`;
    const byWords = BANNED.find((b) => b.words.test(text));
    if (byWords) {
      const field = byWords.words.test(c.name) ? 'name' : 'description';
      return [{ field: `criteria[${i}].${field}`, message: `「${c.name}」以${byWords.what}计分，违反${FORMALISM_RULE}` }];
    }
    return [];
  });
}

/** Everything else a scheme must satisfy: weights add up, ranges and caps make sense, the data exists. */
export function schemeErrors(def: SchemeDefinition, data: PlanData): ProblemDetail[] {
  const errors: ProblemDetail[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  const partKeys = new Set<string>();
  def.parts.forEach((p, i) => {
    if (partKeys.has(p.key)) err(`parts[${i}].key`, `部分标识「${p.key}」重复`);
    partKeys.add(p.key);
    if (p.capMin != null && p.capMax != null && p.capMin > p.capMax) err(`parts[${i}].capMax`, `上限 ${p.capMax} 低于下限 ${p.capMin}`);
  });
  const weights = Math.round(def.parts.reduce((s, p) => s + p.weight, 0) * 100) / 100;
  if (weights !== 100) err('parts', `各部分权重合计须为 100，现为 ${weights}`);
  if (def.baseScore > def.totalCap) err('baseScore', `基础分 ${def.baseScore} 不能高于总分上限 ${def.totalCap}`);
  const b = def.bands;
  if (!(b.excellent > b.good && b.good > b.pass)) err('bands', `等次分数线须依次降低：优秀 ${b.excellent} > 良好 ${b.good} > 合格 ${b.pass}`);
  if (b.excellent > def.totalCap) err('bands.excellent', `优秀分数线 ${b.excellent} 高于总分上限 ${def.totalCap}，无人能达到`);

  const keys = new Set<string>();
  def.criteria.forEach((c, i) => {
    const at = (f: string) => `criteria[${i}].${f}`;
    if (keys.has(c.key)) err(at('key'), `指标标识「${c.key}」重复`);
    keys.add(c.key);
    if (!partKeys.has(c.partKey)) err(at('partKey'), `部分「${c.partKey}」不存在`);
    if (c.capMin != null && c.capMax != null && c.capMin > c.capMax) err(at('capMax'), `上限 ${c.capMax} 低于下限 ${c.capMin}`);
    const p = c.params ?? {};
    if (c.type === 'judged') {
      if (c.rangeMin === undefined || c.rangeMax === undefined) err(at('rangeMax'), '评分类指标须给出分值区间（rangeMin、rangeMax）');
      else if (c.rangeMin >= c.rangeMax) err(at('rangeMax'), `分值区间上限 ${c.rangeMax} 须高于下限 ${c.rangeMin}`);
      if (c.kind) err(at('kind'), '评分类指标不由数据计算，不能指定 kind');
      return;
    }
    if (c.rangeMin !== undefined || c.rangeMax !== undefined) err(at('rangeMin'), '只有评分类指标有分值区间');
    if (c.type === 'veto' && !c.kind) return; // decided by the office or an evaluator, with a reason
    const kind = c.kind ? criterionKind(c.kind) : undefined;
    if (!c.kind) return err(at('kind'), '计算类指标须指定 kind（见 GET /assessment-criterion-kinds）');
    if (!kind) return err(at('kind'), `没有名为「${c.kind}」的计算指标`);
    const missing = kind.unavailable(data);
    if (missing) return err(at('kind'), `「${kind.name}」不可用：${missing}`);
    if (c.type === 'veto') {
      if (kind.measure !== 'count') err(at('kind'), `否决项只能按计数类指标触发，「${kind.name}」是比率`);
      if (p.threshold === undefined) err(at('params.threshold'), '按数据触发的否决项须给出触发数量 threshold');
      return;
    }
    if (kind.measure === 'rate' && (p.points === undefined || p.points <= 0)) err(at('params.points'), `「${kind.name}」须给出比率为 0 时扣的分数 points（大于 0）`);
    if (kind.measure === 'count' && (p.lead === undefined || p.supporting === undefined)) err(at('params.lead'), `「${kind.name}」须给出牵头单位、配合单位每项的分数 lead、supporting`);
  });
  if (!def.criteria.some((c) => c.type !== 'veto')) err('criteria', '至少须有一项计分指标');
  return errors;
}

export function gradeBands(def: Pick<SchemeDefinition, 'bands'>): GradeBand[] {
  return [
    { grade: 'excellent', min: def.bands.excellent },
    { grade: 'good', min: def.bands.good },
    { grade: 'pass', min: def.bands.pass },
    { grade: 'fail', min: -Infinity },
  ];
}

export function toScoringScheme(def: SchemeDefinition): ScoringScheme {
  return {
    baseScore: def.baseScore,
    totalCap: def.totalCap,
    parts: def.parts.map((p) => ({ key: p.key, weight: p.weight, cap: { min: p.capMin ?? 0, max: p.capMax ?? def.totalCap } })),
    criteria: def.criteria.map((c) => ({ key: c.key, partKey: c.partKey, type: c.type, cap: { min: c.capMin ?? null, max: c.capMax ?? null } })),
    bands: gradeBands(def),
    excellentMaxShare: def.excellentMaxShare,
  };
}

/** The formula shown to every unit a criterion scores. */
export function criterionFormula(c: SchemeDefinition['criteria'][number]): string {
  const caps = [c.capMin != null ? `本项最低 ${c.capMin} 分` : '', c.capMax != null ? `本项最高 ${c.capMax} 分` : ''].filter(Boolean).join('，');
  const kind = c.kind ? criterionKind(c.kind) : undefined;
  const body =
    c.type === 'judged'
      ? `由领导小组办公室或指定评估人在 ${c.rangeMin} 至 ${c.rangeMax} 分之间评分，须写明理由和依据；单位可先行自评`
      : c.type === 'veto'
        ? kind
          ? `一票否决：「${kind.name}」达到 ${c.params?.threshold} 项，等次为不合格`
          : '一票否决：经认定出现该情形的，等次为不合格（须写明理由）'
        : (kind?.formula(c.params ?? {}) ?? '');
  return caps ? `${body}；${caps}` : body;
}
