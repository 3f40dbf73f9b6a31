import type { Summary } from '../year-end/summary.service.js';
import { level1, level2, level3 } from './chinese-numbering.js';
import { body, centredLine, heading1, heading2, item, officialDocument, table, title } from './official-docx.js';

const STATUS_NAMES: Record<string, string> = { not_started: '未启动', on_track: '按计划推进', at_risk: '存在风险', delayed: '滞后', completed: '已完成' };
const LIGHT_NAMES: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const SOURCE_NAMES: Record<string, string> = { statistics: '统计部门', self_reported: '单位自报', estimate: '估算' };
const VERIFICATION_NAMES: Record<string, string> = { unverified: '未核实', verified: '已核实', disputed: '有争议' };
const OUTCOME_NAMES: Record<string, string> = { achieved: '已完成', not_achieved: '未完成', unknown: '暂无法评价' };

interface AnnualReportForDoc {
  unitName: string;
  year: number;
  recipient: string;
  state: string;
  achievements: string | null;
  problems: string | null;
  nextYearPlans: string | null;
  items: { seq: string; itemNo: number; area: string | null; text: string; status: string | null; percent: number | null; done: string | null; problems: string | null; light: string | null }[];
  actuals: { indicatorName: string; unit: string | null; value: number; source: string; verification: string }[];
}

const paragraphs = (text: string | null) => (text ?? '').split(/\n+/).filter((t) => t.trim()).map((t) => body(t.trim()));

/** A unit's annual report in the usual layout: sections 一、…, areas （一）…, items 1. … */
export async function annualReportDocx(r: AnnualReportForDoc): Promise<Buffer> {
  const areas = [...new Set(r.items.map((i) => i.area ?? '其他'))];
  let n = 0;
  return officialDocument([
    title(`${r.unitName}${r.year}年度碳达峰工作情况报告`),
    centredLine(`报送：${r.recipient}`),
    heading1(`${level1(++n)}主要成效`),
    ...paragraphs(r.achievements),
    heading1(`${level1(++n)}重点任务推进情况`),
    ...areas.flatMap((area, a) => [
      heading2(`${level2(a + 1)}${area}`),
      ...r.items
        .filter((i) => (i.area ?? '其他') === area)
        .map((i, k) =>
          item(
            level3(k + 1),
            `${i.text}（序号 ${i.seq}）进展：${i.status ? STATUS_NAMES[i.status] : '未报送'}${i.percent === null ? '' : `，完成 ${i.percent}%`}${i.done ? `。${i.done}` : ''}${i.light ? `（${LIGHT_NAMES[i.light]}）` : ''}`,
          ),
        ),
    ]),
    table(
      ['序号', '主要工作', '进展状态', '完成比例', '主要进展', '灯'],
      r.items.map((i) => [i.seq, i.text, i.status ? STATUS_NAMES[i.status] : '未报送', i.percent === null ? '—' : `${i.percent}%`, i.done ?? '', i.light ? LIGHT_NAMES[i.light] : '—']),
    ),
    heading1(`${level1(++n)}指标完成情况`),
    r.actuals.length
      ? table(['指标', '实际值', '来源', '核实状态'], r.actuals.map((a) => [a.indicatorName, `${a.value}${a.unit ? ` ${a.unit}` : ''}`, SOURCE_NAMES[a.source] ?? a.source, VERIFICATION_NAMES[a.verification] ?? a.verification]))
      : body('本年度无本单位填报的指标数值。'),
    heading1(`${level1(++n)}存在问题`),
    ...paragraphs(r.problems),
    heading1(`${level1(++n)}下一年工作打算`),
    ...paragraphs(r.nextYearPlans),
  ]);
}

/** 年度总结 for the leading group: overall figures, areas, indicators, reporting, lights, the office's view. */
export async function summaryDocx(s: Summary, documentNumber: string | null, finalised: boolean, hash: string | null = null): Promise<Buffer> {
  const t = s.totals;
  let n = 0;
  return officialDocument([
    title(`${s.planTitle}${s.year}年度落实情况总结`),
    centredLine(`${documentNumber ? `依据文件：${documentNumber}　` : ''}报送：${s.recipient}${finalised ? '' : '（未定稿）'}`),
    heading1(`${level1(++n)}总体情况`),
    body(`方案共有工作事项 ${t.items} 项，其中已完成 ${t.completed} 项、按计划推进 ${t.onTrack} 项、滞后 ${t.behind} 项、逾期未完成 ${t.overdue} 项、未纳入已采纳年度报告 ${t.notReported} 项。`),
    heading1(`${level1(++n)}重点领域推进情况`),
    ...s.areas.map((a, i) => item(level3(i + 1), `${a.area}：共 ${a.items} 项，已完成 ${a.completed} 项，按计划推进 ${a.onTrack} 项，滞后 ${a.behind} 项，逾期 ${a.overdue} 项，未报告 ${a.notReported} 项。`)),
    table(['重点领域', '事项', '已完成', '按计划推进', '滞后', '逾期', '未报告'], s.areas.map((a) => [a.area, `${a.items}`, `${a.completed}`, `${a.onTrack}`, `${a.behind}`, `${a.overdue}`, `${a.notReported}`])),
    heading1(`${level1(++n)}目标指标完成情况`),
    body(`纳入评价的目标 ${s.indicators.achieved + s.indicators.notAchieved + s.indicators.unknown} 个，已完成 ${s.indicators.achieved} 个，未完成 ${s.indicators.notAchieved} 个，暂无法评价 ${s.indicators.unknown} 个。`),
    ...s.indicators.evaluations.map((e, i) => item(level3(i + 1), `${e.indicatorName}（序号 ${e.seq}）：${OUTCOME_NAMES[e.outcome]}。${e.explanation}。`)),
    heading1(`${level1(++n)}年度报告报送情况`),
    body(
      `应报单位 ${s.units.obliged} 个，已采纳 ${s.units.accepted} 个，待审核 ${s.units.awaitingReview} 个。逾期报送：${s.units.late.length ? s.units.late.join('、') : '无'}。未报送：${s.units.missing.length ? s.units.missing.join('、') : '无'}。`,
    ),
    heading1(`${level1(++n)}红黄绿灯分布`),
    body(`绿灯 ${s.lights.green} 项，黄灯 ${s.lights.yellow} 项，红灯 ${s.lights.red} 项，暂无数据 ${s.lights.none} 项。`),
    ...(s.notices
      ? [
          heading1(`${level1(++n)}督办情况`),
          body(
            `本年度发出督办单 ${s.notices.issued} 件（催办 ${s.notices.urge} 件，督办 ${s.notices.supervise} 件，挂牌督办 ${s.notices.listed} 件），其中自动升级 ${s.notices.escalated} 件；已办结 ${s.notices.closed} 件，未办结 ${s.notices.open} 件。`,
          ),
        ]
      : []),
    heading1(`${level1(++n)}办公室意见`),
    ...(s.commentary ? paragraphs(s.commentary) : [body('（办公室尚未填写意见）')]),
    // The frozen data can be checked against the stored snapshot.
    ...(finalised && hash ? [body(`本总结已定稿，所依据数据的校验值（SHA-256）：${hash}`)] : []),
  ]);
}
