import type { Locator, Page } from '@playwright/test';
import { apiAs } from './support/api';
import { expect, finalShot, signIn, signOut, test } from './support/fixtures';
import { choose, confirmPop, opened } from './support/forms';

interface Sheet {
  unitId: string;
  unitName: string;
  total: number;
  rank: number;
  gradeName: string;
  criteria: { key: string; name: string; type: string; points: number }[];
}

async function openManagement(page: Page) {
  await page.getByRole('menu', { name: '主菜单' }).getByText('考核管理', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '考核管理', exact: true })).toBeVisible();
}

/** Picks one option of a multiple Select (which stays open after a pick, unlike choose()'s single select). */
async function pickMany(page: Page, field: Locator, option: string) {
  const box = field.getByRole('combobox').or(field).first();
  await box.click();
  await box.pressSequentially(option);
  const listId = await box.getAttribute('aria-controls');
  const dropdown = await opened(page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) }));
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await page.keyboard.press('Escape');
  await expect(field.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]')).toContainText(option);
}

/** Confirms the round's next step in its Popconfirm and waits for the state the round moves to. */
async function step(page: Page, label: string, state: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  await confirmPop(page, label);
  await expect(page.locator('.ant-tag').filter({ hasText: new RegExp(`^${state}$`) }).first()).toBeVisible();
}

test('年度考核：办公室开启本年度考核，兴庆区自评，评估人评分，办公室复核公布并查看排名', async ({ page }) => {
  test.setTimeout(240_000);
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const office = await apiAs('office');

  // An evaluator account (the demo has none), made as the office would in 用户管理, its first password changed.
  const evaluatorName = `pg${Date.now().toString(36)}`;
  const officeMe = await office.get<{ unitId: string }>('/auth/me');
  await office.send('POST', '/users', { username: evaluatorName, displayName: '考核评估人', unitId: officeMe.unitId, roles: ['evaluator'], password: 'Temp-2026-evaluator' });
  await (await apiAs(evaluatorName, 'Temp-2026-evaluator')).send('POST', '/auth/password', { currentPassword: 'Temp-2026-evaluator', newPassword: 'Eval-2026-carbon-ok' });

  // 1. The office opens this year's round from this year's scheme (the demo copied last year's) and starts self-assessment.
  await signIn(page, 'office');
  await openManagement(page);
  await expect(page.getByRole('link', { name: `${year - 1} 年度考核` })).toBeVisible();
  await page.getByRole('button', { name: '开启考核' }).click();
  const dialog = await opened(page.getByRole('dialog', { name: '开启考核' }));
  await expect(dialog).toContainText(`${year} 年度`);
  await dialog.getByRole('button', { name: '开启' }).click();
  await expect(page.getByText(`已开启 ${year} 年度考核，各单位已自动计分`)).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(`${year} 年度考核`) })).toBeVisible();
  await expect(page.locator('.ant-tag').filter({ hasText: /^已开启$/ }).first()).toBeVisible();
  const roundId = page.url().split('/').pop()!;
  // Every obligated unit is already scored from the data; 兴庆区 is in the ranking.
  await expect(page.getByRole('link', { name: '兴庆区', exact: true })).toBeVisible();
  await step(page, '开始自评', '自评');
  await signOut(page);

  // 2. 兴庆区 enters its self-assessment on the judged criterion; a score out of range is refused on the field.
  await signIn(page, 'xingqing');
  await page.getByRole('menu', { name: '主菜单' }).getByText('考核', { exact: true }).click();
  await expect(page.getByText(`${year} 年度考核正在自评`)).toBeVisible();
  await page.getByRole('button', { name: '自评「工作质量与创新」' }).click();
  const self = await opened(page.getByRole('dialog', { name: '自评：工作质量与创新' }));
  await expect(self).toContainText('本项分值区间：-10 至 0 分');
  await self.getByLabel('分数').fill('5');
  await self.getByLabel('自评理由').fill('全年重点任务按期推进，建立了月调度机制');
  await self.getByRole('button', { name: '保存自评' }).click();
  await expect(self.locator('.ant-form-item-explain-error')).toContainText('须在 -10 至 0 分之间');
  await self.getByLabel('分数').fill('-1');
  await self.getByLabel('佐证说明').fill('见本单位第三季度进展报告');
  await self.getByRole('button', { name: '保存自评' }).click();
  await expect(page.getByText('已保存「工作质量与创新」的自评')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '工作质量与创新' })).toContainText('自评 -1：全年重点任务按期推进');
  await signOut(page);

  // 3. The office starts review and assigns the evaluator to 兴庆区's judged criterion; the other units' judgement
  // is the office's own (through the API: it is the same adjustment step 5 makes in the browser).
  const xingqingId = (await office.get<Sheet[]>(`/assessment-rounds/${roundId}/sheets`)).find((s) => s.unitName === '兴庆区')!.unitId;
  await signIn(page, 'office');
  await page.goto(`/assessment-rounds/${roundId}`);
  await step(page, '开始复核', '复核');
  await expect(page.getByText(/尚有 \d+ 项评分类指标未评分，评完后方可公布。/)).toBeVisible();
  await expect(page.getByRole('button', { name: '公布结果' })).toBeDisabled();
  await page.getByRole('button', { name: '指定评估人' }).click();
  const assign = await opened(page.getByRole('dialog', { name: '指定评估人' }));
  await choose(page, assign.getByLabel('评估人'), evaluatorName, true);
  await pickMany(page, assign.getByLabel('被考核单位'), '兴庆区');
  await pickMany(page, assign.getByLabel('指标'), '工作质量与创新');
  await assign.getByRole('button', { name: '指定', exact: true }).click();
  await expect(page.getByText('已指定评估人（新增 1 项）')).toBeVisible();
  // A spread of judgements, so that the ranking has something to rank.
  for (const [i, s] of (await office.get<Sheet[]>(`/assessment-rounds/${roundId}/sheets`)).entries()) {
    const score = -[0, 2, 4, 1, 6][i % 5];
    if (s.unitId !== xingqingId) await office.send('PUT', `/assessment-rounds/${roundId}/sheets/${s.unitId}/criteria/quality/adjustment`, { score, reason: score ? '部分任务推进质量有待提高' : '工作扎实，有创新举措' });
  }
  await signOut(page);

  // 4. The evaluator sees only 兴庆区, with its self-assessment, and scores it.
  await signIn(page, evaluatorName, 'Eval-2026-carbon-ok');
  const menu = page.getByRole('menu', { name: '主菜单' });
  await expect(menu.getByText('考核管理', { exact: true })).toHaveCount(0);
  await menu.getByText('考核评分', { exact: true }).click();
  await expect(page.getByText(`${year} 年度考核 · 已评 0 / 1 项`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '兴庆区' }).filter({ hasText: '工作质量与创新' });
  await expect(row).toContainText('全年重点任务按期推进');
  await row.getByRole('button', { name: '评分：兴庆区「工作质量与创新」' }).click();
  const scoring = await opened(page.getByRole('dialog', { name: '评分：兴庆区 · 工作质量与创新' }));
  await scoring.getByLabel('分数').fill('-3');
  await scoring.getByLabel('评分说明').fill('月调度机制运行良好，但两项任务滞后');
  await scoring.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByText('已保存兴庆区「工作质量与创新」的评分')).toBeVisible();
  await expect(scoring).toBeHidden();
  await expect(page.getByText(`${year} 年度考核 · 已评 1 / 1 项`)).toBeVisible();
  await finalShot(page, '15-assessment-evaluator');
  // On the unit's sheet the evaluator may score only what was assigned, starting from their own judgement.
  await page.goto(`/assessment-rounds/${roundId}/sheets/${xingqingId}`);
  await expect(page.getByRole('heading', { name: new RegExp(`兴庆区 · ${year} 年度考核评分表`) })).toBeVisible();
  await expect(page.getByRole('button', { name: '评分「工作质量与创新」' })).toBeVisible();
  await expect(page.getByRole('button', { name: '评分「未完成碳排放控制目标」' })).toHaveCount(0);
  await page.getByRole('button', { name: '评分「工作质量与创新」' }).click();
  const again = await opened(page.getByRole('dialog', { name: '评分：工作质量与创新' }));
  await expect(again.getByLabel('分数')).toHaveValue('-3.00');
  await expect(again.getByLabel('评分说明')).toHaveValue('月调度机制运行良好，但两项任务滞后');
  await again.getByRole('button', { name: '取消' }).click();
  await expect(again).toBeHidden();
  // The round page is read-only for the evaluator, with no way into 考核管理, which they cannot open.
  await page.getByRole('link', { name: `返回 ${year} 年度考核` }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`${year} 年度考核`) })).toBeVisible();
  await expect(page.getByRole('link', { name: /返回考核管理/ })).toHaveCount(0);
  await signOut(page);

  // 5. The office reviews 兴庆区's sheet (self-assessment, evaluation, the trace of a computed criterion), adjusts
  // one criterion with a reason, publishes, and sees the ranking the service computed.
  await signIn(page, 'office');
  await openManagement(page);
  await page.getByRole('link', { name: `${year} 年度考核` }).click();
  await expect(page.getByText('复核期间可打开单位评分表')).toBeVisible();
  await page.getByRole('link', { name: '兴庆区', exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`兴庆区 · ${year} 年度考核评分表`) })).toBeVisible();
  const quality = page.getByRole('row').filter({ hasText: '工作质量与创新' });
  await expect(quality).toContainText('自评：-1，全年重点任务按期推进');
  await expect(quality).toContainText('评估：-3，月调度机制运行良好');
  // The trace shows the records behind a computed score, as the service stored them at opening.
  const overdue = await office.get<{ records: { label: string }[] }>(`/assessment-rounds/${roundId}/sheets/${xingqingId}/criteria/overdue/trace`);
  await page.getByRole('row').filter({ hasText: '年末逾期或红灯事项' }).getByRole('button', { name: '依据' }).click();
  const trace = await opened(page.getByRole('dialog').filter({ hasText: '年末逾期或红灯事项 · 得分依据' }));
  await expect(trace).toContainText('达标 / 应计');
  if (overdue.records.length) await expect(trace.getByText(overdue.records[0].label, { exact: true }).first()).toBeVisible();
  else await expect(trace).toContainText('没有涉及的记录');
  await page.keyboard.press('Escape');
  await expect(trace).toBeHidden();
  await page.getByRole('button', { name: '调整「申请延期」' }).click();
  const adjust = await opened(page.getByRole('dialog', { name: '调整：申请延期' }));
  await adjust.getByLabel('分数').fill('0');
  await adjust.getByLabel('调整理由').fill('延期系因上级政策调整，经领导小组同意不扣分');
  await adjust.getByRole('button', { name: '调整' }).click();
  await expect(page.getByText('已调整，得分和排名已重新计算')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '申请延期' })).toContainText('经领导小组同意不扣分');

  await page.getByRole('link', { name: `返回 ${year} 年度考核` }).click();
  // Absence proves nothing until the round page has loaded: first what must be there, then what must not.
  await expect(page.getByRole('button', { name: '公布结果' })).toBeEnabled();
  await expect(page.getByText(/尚有 \d+ 项评分类指标未评分/)).toHaveCount(0);
  await step(page, '公布结果', '已公布');
  await expect(page.getByText('考核结果已公布')).toBeVisible();
  const ranked = (await office.get<Sheet[]>(`/assessment-rounds/${roundId}/sheets`)).sort((a, b) => a.rank - b.rank);
  const mine = ranked.find((s) => s.unitId === xingqingId)!;
  const first = page.getByRole('row').filter({ has: page.getByRole('link', { name: ranked[0].unitName, exact: true }) });
  await expect(first.getByRole('cell').first()).toHaveText(String(ranked[0].rank));
  const xq = page.getByRole('row').filter({ has: page.getByRole('link', { name: '兴庆区', exact: true }) });
  await expect(xq).toContainText(String(Math.round(mine.total * 100) / 100));
  await expect(xq).toContainText(mine.gradeName);
  await expect(xq.getByRole('cell').first()).toHaveText(String(mine.rank));
  await expect(page.getByRole('button', { name: '开始申诉期' })).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载排名表.xlsx' }).click()]);
  expect(file.suggestedFilename()).toBe(`${year}年度考核排名表.xlsx`);
  await finalShot(page, '15-assessment-ranking');

  // 6. The office opens the appeal window; 兴庆区 sees its published total and appeals one criterion.
  await step(page, '开始申诉期', '申诉期');
  await expect(page.getByText('申诉期已开始')).toBeVisible();
  await signOut(page);
  await signIn(page, 'xingqing');
  await page.getByRole('menu', { name: '主菜单' }).getByText('考核', { exact: true }).click();
  await expect(page.getByTestId('assessment-total')).toHaveText(String(Math.round(mine.total * 100) / 100));
  await expect(page.getByText(/对评分有异议的，可在 .+ 前提出申诉。/)).toBeVisible();
  await expect(page.getByRole('button', { name: /自评/ })).toHaveCount(0);
  await page.getByRole('button', { name: '对「工作质量与创新」申诉' }).click();
  const appeal = await opened(page.getByRole('dialog', { name: '申诉：工作质量与创新' }));
  // The service asks for 5 characters: the dialog says so before sending.
  await appeal.getByLabel('申诉理由').fill('  有异议 ');
  await appeal.getByRole('button', { name: '提出申诉' }).click();
  await expect(appeal).toContainText('申诉理由至少 5 个字');
  await appeal.getByLabel('申诉理由').fill('两项滞后任务已于年底前完成，见第四季度进展报告');
  await appeal.getByRole('button', { name: '提出申诉' }).click();
  await expect(page.getByText('已对「工作质量与创新」提出申诉，等待领导小组办公室处理')).toBeVisible();
  await expect(appeal).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: '工作质量与创新' }).first()).toContainText('申诉处理中');
  await expect(page.getByRole('row').filter({ hasText: '两项滞后任务已于年底前完成' })).toContainText('待处理');
  await finalShot(page, '15-assessment-unit-appeal', true);
  await signOut(page);

  // 7. The office accepts the appeal with a new score and a reason; the round then has no pending appeal.
  await signIn(page, 'office');
  await page.goto(`/assessment-rounds/${roundId}`);
  await expect(page.getByText('尚有 1 件申诉未处理')).toBeVisible();
  await page.getByRole('tab', { name: '申诉（1 件待处理）' }).click();
  const pendingRow = page.getByRole('row').filter({ hasText: '两项滞后任务已于年底前完成' });
  await pendingRow.getByRole('button', { name: '采纳' }).click();
  const accept = await opened(page.getByRole('dialog', { name: '采纳申诉：兴庆区 · 工作质量与创新' }));
  await accept.getByLabel('分数').fill('-1');
  await accept.getByLabel('处理意见').fill('经核实滞后任务已完成，改为扣 1 分');
  await accept.getByRole('button', { name: '采纳' }).click();
  await expect(page.getByText('已采纳申诉，得分已调整')).toBeVisible();
  await expect(accept).toBeHidden();
  await expect(pendingRow).toContainText('已采纳');
  await expect(pendingRow).toContainText('调整为 -1；经核实滞后任务已完成');
  await expect(page.getByRole('tab', { name: '申诉（1）' })).toBeVisible();
  // Freezing waits for the window to end, and the screen says so rather than offering a step that would be refused.
  await expect(page.getByText(/申诉期至 .+ 结束，届满后方可锁定。/)).toBeVisible();
  await expect(page.getByRole('button', { name: '锁定结果' })).toBeDisabled();
  await finalShot(page, '15-assessment-appeal-decided');
});

test('考核管理：查看方案；上一年度已锁定的考核——结果运用、锁定后更正生成新版本、下载通报', async ({ page }) => {
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
  await signIn(page, 'office');
  await openManagement(page);
  // The scheme, read-only: its criteria and how each is scored.
  await page.getByRole('row').filter({ has: page.getByRole('cell', { name: String(year), exact: true }) }).getByRole('button', { name: '查看' }).click();
  const scheme = await opened(page.getByRole('dialog').filter({ hasText: '优秀比例上限' }));
  await expect(scheme).toContainText('年度到期事项完成率');
  await expect(scheme).toContainText('在 -10 至 0 分之间评分');
  await page.keyboard.press('Escape');
  await expect(scheme).toBeHidden();

  await page.getByRole('link', { name: `${year} 年度考核` }).click();
  await expect(page.locator('.ant-tag').filter({ hasText: /^已锁定$/ }).first()).toBeVisible();
  // Frozen: no lifecycle step is left.
  for (const label of ['开始自评', '开始复核', '公布结果', '开始申诉期', '锁定结果']) await expect(page.getByRole('button', { name: label })).toHaveCount(0);
  const [bulletin] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载通报.docx' }).click()]);
  expect(bulletin.suggestedFilename()).toBe(`${year}年度考核结果通报.docx`);

  // Outcomes: the demo's (and the automatic 整改 of the 不合格 unit), and one more recorded here.
  await page.getByRole('tab', { name: /结果运用/ }).click();
  await expect(page.getByRole('row').filter({ hasText: '金凤区' }).filter({ hasText: '约谈问责' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '金凤区' }).filter({ hasText: '整改' }).first()).toBeVisible();
  const form = page.locator('form[id="assessment-outcome"]');
  await choose(page, form.getByLabel('单位'), '兴庆区', true);
  await choose(page, form.getByLabel('方式'), '通报批评');
  await form.getByLabel('说明').fill('年末逾期事项较多，予以通报批评');
  await form.getByRole('button', { name: '记录' }).click();
  await expect(page.getByText('已记录考核结果运用')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '年末逾期事项较多，予以通报批评' })).toContainText('兴庆区');

  // A correction after freezing makes version 2; version 1 stays, each with its hash.
  await page.getByRole('tab', { name: /排名/ }).click();
  await page.getByRole('link', { name: '兴庆区', exact: true }).click();
  const [sheetFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载评分表.xlsx' }).click()]);
  expect(sheetFile.suggestedFilename()).toBe(`兴庆区${year}年度考核评分表.xlsx`);
  await page.getByRole('button', { name: '更正「工作质量与创新」' }).click();
  const correct = await opened(page.getByRole('dialog', { name: '更正：工作质量与创新' }));
  await expect(correct).toContainText('更正会生成新的结果版本');
  await correct.getByLabel('分数').fill('0');
  await correct.getByLabel('更正理由').fill('复核材料漏计一项创新举措，更正为不扣分');
  await correct.getByRole('button', { name: '更正' }).click();
  await expect(page.getByText('已更正，生成了新的结果版本')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '工作质量与创新' })).toContainText('更正为不扣分');
  await page.getByRole('link', { name: `返回 ${year} 年度考核` }).click();
  await page.getByRole('tab', { name: '结果版本（2）' }).click();
  const versions = page.getByRole('tabpanel');
  await expect(versions.getByRole('row').filter({ hasText: '第 2 版' })).toContainText('复核材料漏计一项创新举措');
  await expect(versions.getByRole('row').filter({ hasText: '第 1 版' })).toBeVisible();
  await finalShot(page, '15-assessment-versions');
});
