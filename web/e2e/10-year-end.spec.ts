import { expect, finalShot, signIn, signOut, test } from './support/fixtures';

async function openYearEnd(page: import('@playwright/test').Page) {
  await page.getByRole('menu', { name: '主菜单' }).getByText('年度报告', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '年度报告', exact: true })).toBeVisible();
}

test('年度报告：兴庆区填写并由负责人签发报送，办公室退回后再采纳，并下载工作台账', async ({ page }) => {
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

  // 1. The demo has opened this year's cycle: every unit with assigned items has a prefilled report.
  await signIn(page, 'office');
  await openYearEnd(page);
  await expect(page.getByText(new RegExp(`^${year} 年度应报单位 \\d+ 个，已报送 \\d+ 个$`))).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '兴庆区', exact: true }) });
  await expect(row).toContainText('填报中');
  await signOut(page);

  // 2. 兴庆区's reporter writes the free sections and saves; sending is for the head.
  await signIn(page, 'xingqing');
  await openYearEnd(page);
  await expect(page.getByText('请单位负责人审核后签发报送')).toBeVisible();
  await page.getByLabel('主要成效').fill('全年推广新能源公交车120辆，完成既有建筑节能改造8万平方米。');
  await page.getByLabel('存在问题').fill('部分项目资金到位较慢。');
  await page.getByLabel('下一年工作打算').fill('加快推进分布式光伏整区开发。');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await signOut(page);

  // 3. The head signs it off (签发报送).
  await signIn(page, 'xingqing-head');
  await openYearEnd(page);
  await expect(page.getByLabel('主要成效')).toHaveValue(/新能源公交车120辆/);
  await expect(page.getByRole('button', { name: '下载本报告（Word）' })).toBeVisible();
  await page.getByRole('button', { name: '签发报送' }).click();
  await expect(page.getByText(/已签发报送/)).toBeVisible();
  await expect(page.locator('[data-state]').first()).toHaveText('已报送待采纳');
  await signOut(page);

  // 4. The office returns it with a reason.
  await signIn(page, 'office');
  await openYearEnd(page);
  await expect(row).toContainText('已报送待采纳');
  await row.getByRole('button', { name: '退回 兴庆区' }).click();
  const back = page.getByRole('dialog', { name: '退回兴庆区的年度报告' });
  await back.getByLabel('退回理由').fill('存在问题写得过于简单，请具体说明涉及的项目。');
  await back.getByRole('button', { name: '退回' }).click();
  await expect(page.getByText('已退回兴庆区的年度报告')).toBeVisible();
  await expect(row).toContainText('已退回');
  await signOut(page);

  // 5. The head sees the reason, revises and sends again.
  await signIn(page, 'xingqing-head');
  await openYearEnd(page);
  await expect(page.getByText('退回理由：存在问题写得过于简单')).toBeVisible();
  await page.getByLabel('存在问题').fill('城东片区污水厂光伏项目资金到位较慢，影响并网进度。');
  await page.getByRole('button', { name: '签发报送' }).click();
  await expect(page.getByText(/已签发报送/)).toBeVisible();
  await signOut(page);

  // 6. The office accepts it and downloads the ledger.
  await signIn(page, 'office');
  await openYearEnd(page);
  await row.getByRole('button', { name: '采纳 兴庆区' }).click();
  await expect(page.getByText('已采纳兴庆区的年度报告')).toBeVisible();
  await expect(row).toContainText('已采纳');
  const [ledger] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载工作台账.xlsx' }).click()]);
  expect(ledger.suggestedFilename()).toBe('工作台账.xlsx');
  await row.getByRole('link', { name: '兴庆区', exact: true }).click();
  await expect(page.getByTestId('annual-sections')).toContainText('城东片区污水厂光伏项目资金到位较慢');
  await expect(page.getByText(/^退回 → 已退回/)).toBeVisible();
  await expect(page.getByText(/^采纳 → 已采纳/)).toBeVisible();
  await finalShot(page, '10-year-end-accepted', true);
});
