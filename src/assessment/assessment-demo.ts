import type { INestApplicationContext } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { Clock } from '../clock/clock.js';
import { shanghaiDay } from '../common/dates.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CreateSchemeDto } from './dto/scheme.dto.js';
import { RoundsService } from './rounds.service.js';
import { SchemesService } from './schemes.service.js';
import { ScoresService } from './scores.service.js';

/** The demo's assessment scheme: only kinds the Yinchuan demo data can feed (no reporting periods in past years). */
export const DEMO_SCHEME = {
  name: '碳达峰工作年度考核方案',
  baseScore: 100,
  totalCap: 100,
  parts: [
    { key: 'work', name: '重点任务推进', weight: 70 },
    { key: 'quality', name: '工作质量', weight: 30 },
  ],
  criteria: [
    { key: 'completion', partKey: 'work', name: '年度到期事项完成率', type: 'computed', basis: 'system_data', kind: 'completion_rate', params: { points: 10 } },
    { key: 'overdue', partKey: 'work', name: '年末逾期或红灯事项', type: 'computed', basis: 'system_data', kind: 'overdue_or_red', params: { lead: -2, supporting: -1 }, capMin: -10 },
    { key: 'completed', partKey: 'work', name: '本年度完成事项', type: 'computed', basis: 'system_data', kind: 'completed_items', params: { lead: 2, supporting: 1 }, capMax: 5 },
    { key: 'extensions', partKey: 'work', name: '申请延期', type: 'computed', basis: 'system_data', kind: 'extensions', params: { lead: -1, supporting: 0 }, capMin: -3 },
    { key: 'quality', partKey: 'quality', name: '工作质量与创新', type: 'judged', basis: 'work_quality', rangeMin: -10, rangeMax: 0, description: '由领导小组办公室复核评定；工作扎实、有创新的不扣分' },
    { key: 'emission', partKey: 'work', name: '未完成碳排放控制目标', type: 'veto', basis: 'target', description: '对未完成碳排放控制目标的通报批评和约谈问责' },
  ],
  excellentMaxShare: 0.3,
} as const;

/**
 * A scheme for last year and this year (copied), and last year's round frozen with outcomes, so that the
 * demo shows a finished assessment. Safe to run again: a plan that already has last year's round is left alone.
 */
export async function seedAssessmentDemo(app: INestApplicationContext, planId: string) {
  const prisma = app.get(PrismaService);
  const year = Number(shanghaiDay(app.get(Clock).now()).slice(0, 4)) - 1;
  if (await prisma.assessmentRound.findUnique({ where: { planId_year: { planId, year } } })) return null;
  const user = await prisma.user.findUniqueOrThrow({ where: { username: 'office' }, include: { unit: { select: { name: true } } } });
  const office: Principal = { userId: user.id, username: user.username, displayName: user.displayName, unitId: user.unitId, unitName: user.unit.name, roles: user.roles, mustChangePassword: false, planWide: true, scopeUnitIds: [] };
  const schemes = app.get(SchemesService);
  if (!(await prisma.assessmentScheme.findUnique({ where: { planId_year: { planId, year } } }))) {
    await schemes.create(office, planId, { ...DEMO_SCHEME, name: `${year}年度${DEMO_SCHEME.name}`, year } as unknown as CreateSchemeDto);
  }
  if (!(await prisma.assessmentScheme.findUnique({ where: { planId_year: { planId, year: year + 1 } } }))) await schemes.copy(office, planId, { fromYear: year, toYear: year + 1 });

  const rounds = app.get(RoundsService);
  const scores = app.get(ScoresService);
  let round = await rounds.open(office, planId, { year });
  round = await rounds.transition(office, round.id, 'start_self_assessment', { version: round.version });
  round = await rounds.transition(office, round.id, 'start_review', { version: round.version });
  const sheets = await rounds.sheets(office, round.id);
  // The office's review: a spread of judgements, and one unit whose emission target was missed.
  for (const [i, s] of sheets.entries()) {
    const score = -[0, 2, 4, 1, 6][i % 5];
    await scores.adjust(office, round.id, s.unitId, 'quality', { score, reason: score === 0 ? '工作扎实，有创新举措' : '部分任务推进质量有待提高' });
  }
  const vetoed = sheets.find((s) => s.unitName === '金凤区') ?? sheets[sheets.length - 1];
  await scores.adjust(office, round.id, vetoed.unitId, 'emission', { triggered: true, reason: `${year}年度碳排放强度下降目标未完成` });
  round = await rounds.transition(office, round.id, 'publish', { version: (await rounds.get(round.id)).version });
  round = await rounds.transition(office, round.id, 'open_appeals', { version: round.version });
  // Last year's window ended long ago; the demo is seeded today, so its deadline is set to yesterday.
  await prisma.assessmentRound.update({ where: { id: round.id }, data: { appealDeadline: new Date(new Date(`${shanghaiDay(app.get(Clock).now())}T00:00:00Z`).getTime() - 86_400_000) } });
  round = await rounds.transition(office, round.id, 'freeze', { version: round.version });
  const ranked = await rounds.sheets(office, round.id);
  const best = ranked.filter((s) => s.grade === 'excellent');
  for (const s of best) await scores.addOutcome(office, round.id, { unitId: s.unitId, kind: 'praise', note: `${year}年度考核等次为优秀，予以通报表扬` });
  await scores.addOutcome(office, round.id, { unitId: vetoed.unitId, kind: 'interview', note: '未完成碳排放控制目标，约谈主要负责人' });
  return { roundId: round.id, year, units: ranked.length };
}
