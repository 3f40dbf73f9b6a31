import { expect, finalShot, signIn, signOut, test } from './support/fixtures';
import { choose, signOffReports } from './support/forms';

test('配合单位报送配合情况，牵头单位负责人在本单位填报页接收', async ({ page }) => {
  // 兴庆区 supports 序号 1, which 市发改委 leads.
  await signIn(page, 'xingqing');
  const mine = page.getByTestId('report-card-1-1-contribution');
  await choose(page, mine.getByLabel('序号 1 进展状态'), '按计划推进');
  await mine.getByLabel('序号 1 完成进度').fill('25');
  await mine.getByLabel('序号 1 主要工作进展').fill('兴庆区完成 2 个园区屋顶光伏选址，配合市发改委上报项目清单。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('已保存 1 项草稿')).toBeVisible();
  await signOut(page);
  await signIn(page, 'xingqing-head');
  await signOffReports(page, 1);
  await signOut(page);

  // The lead's head sees it under its own report on the same item, and receives it.
  await signIn(page, 'fgw-head');
  const lead = page.getByTestId('report-card-1-1-report');
  await lead.scrollIntoViewIfNeeded();
  await lead.getByText(/配合单位情况（已报送 \d+ 家，待接收 \d+ 家）/).click();
  const fromXingqing = lead.locator('div').filter({ hasText: /^兴庆区/ }).first();
  await expect(fromXingqing).toContainText('兴庆区完成 2 个园区屋顶光伏选址');
  await fromXingqing.getByRole('button', { name: '接收' }).click();
  await expect(page.getByText('已接收 兴庆区 的配合情况')).toBeVisible();
  await expect(fromXingqing).toContainText('已接收');
  await finalShot(page, '08-contribution-received');
});
