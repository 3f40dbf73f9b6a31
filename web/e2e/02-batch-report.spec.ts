import { apiAs, unitId } from './support/api';
import { expect, finalShot, signIn, signOut, test } from './support/fixtures';
import { choose, confirmPop, opened, signOffReports } from './support/forms';

test('县区填报员一次填报、负责人审核报送、办公室退回一项、县区修改后再报、办公室采纳', async ({ page }) => {
  const xingqing = await unitId(await apiAs('office'), '兴庆区');
  const card = (seq: string) => page.getByTestId(`report-card-${seq}-1-report`);

  // 1. The reporter fills two of the county's lead items on the one screen and saves a draft.
  await signIn(page, 'xingqing');
  await expect(page).toHaveURL(/\/my-reports/);
  await expect(page.getByRole('heading', { name: '本单位填报' })).toBeVisible();
  await page.getByText(/^牵头（\d+）$/).click();
  for (const [seq, percent, done] of [
    ['32', '40', '完成辖区内分布式光伏摸底，已开工项目 12 个。'],
    ['33', '55', '制定辖区碳达峰行动计划初稿，已征求部门意见。'],
  ] as const) {
    await choose(page, card(seq).getByLabel(`序号 ${seq} 进展状态`), '按计划推进');
    await card(seq).getByLabel(`序号 ${seq} 完成进度`).fill(percent);
    await card(seq).getByLabel(`序号 ${seq} 主要工作进展`).fill(done);
  }
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('已保存 2 项草稿')).toBeVisible();
  await expect(card('32')).toContainText('草稿');
  // Evidence for one of them, with its upload shown as it goes.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await card('32').locator('input[type=file]').setInputFiles({ name: '光伏项目开工清单.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(card('32').getByRole('link', { name: '光伏项目开工清单.pdf' })).toBeVisible();
  await signOut(page);

  // 2. The head sees the drafts and signs them off in one go.
  await signIn(page, 'xingqing-head');
  await expect(page).toHaveURL(/\/my-reports/);
  await expect(card('32').getByLabel('序号 32 主要工作进展')).toHaveValue('完成辖区内分布式光伏摸底，已开工项目 12 个。');
  await signOffReports(page, 2);
  await expect(card('32')).toContainText('已报送');
  await signOut(page);

  // 3. The office returns one of them with a reason.
  await signIn(page, 'office');
  await page.goto(`/reporting?unitId=${xingqing}`);
  await expect(page.getByRole('tab', { name: /待审核（2）/ })).toBeVisible();
  const row32 = page.getByRole('row').filter({ hasText: '序号 32' });
  await row32.getByRole('button', { name: '退回' }).click();
  const returning = await opened(page.getByRole('dialog'));
  await returning.getByLabel('退回原因').fill('请补充已开工光伏项目的装机容量数据。');
  await returning.getByRole('button', { name: '退回' }).click();
  await expect(page.getByText('已退回，单位将看到退回原因')).toBeVisible();
  await expect(page.getByRole('tab', { name: /待审核（1）/ })).toBeVisible();
  await signOut(page);

  // 4. The county sees the reason, revises, and the head signs off again.
  await signIn(page, 'xingqing');
  await expect(card('32')).toContainText('已退回');
  await expect(card('32')).toContainText('办公室退回：请补充已开工光伏项目的装机容量数据。');
  await card('32').getByLabel('序号 32 主要工作进展').fill('完成辖区内分布式光伏摸底，已开工项目 12 个，装机容量 8.6 万千瓦。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('已保存 1 项草稿')).toBeVisible();
  await signOut(page);
  await signIn(page, 'xingqing-head');
  await signOffReports(page, 1);
  await signOut(page);

  // 5. The office accepts the revised report.
  await signIn(page, 'office');
  await page.goto(`/reporting?unitId=${xingqing}`);
  const revised = page.getByRole('row').filter({ hasText: '序号 32' });
  await expect(revised).toContainText('已报送');
  await revised.getByRole('button', { name: '采纳' }).click();
  await confirmPop(page, '采纳');
  await expect(page.getByText('已采纳：兴庆区 序号 32')).toBeVisible();
  await page.getByRole('tab', { name: /已采纳/ }).click();
  const accepted = page.getByRole('row').filter({ hasText: '序号 32' });
  await expect(accepted).toContainText('已采纳');
  await accepted.getByRole('button', { name: 'Expand row' }).or(accepted.getByRole('button', { name: '展开行' })).click();
  await expect(page.getByText('装机容量 8.6 万千瓦')).toBeVisible();
  await expect(page.getByRole('link', { name: '光伏项目开工清单.pdf' })).toBeVisible();
  await finalShot(page, '02-batch-report-accepted');
});
