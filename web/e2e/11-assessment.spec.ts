import { apiAs, demoPlan } from './support/api';
import { expect, finalShot, signIn, test } from './support/fixtures';

test('兴庆区查看本单位已公布的考核评分表（只读）并下载', async ({ page }) => {
  // The demo froze last year's round; what the unit sees must be what the service scored for it.
  const clerk = await apiAs('xingqing');
  const plan = await demoPlan(clerk);
  const me = await clerk.get<{ unitId: string }>('/auth/me');
  const rounds = await clerk.get<{ id: string; year: number; state: string }[]>(`/plans/${plan.id}/assessment-rounds`);
  const round = rounds.filter((r) => ['published', 'appeal', 'frozen'].includes(r.state)).sort((a, b) => b.year - a.year)[0];
  const sheet = await clerk.get<{ total: number; gradeName: string; criteria: { name: string }[] }>(`/assessment-rounds/${round.id}/sheets/${me.unitId}`);

  await signIn(page, 'xingqing');
  await page.getByRole('menu', { name: '主菜单' }).getByText('考核', { exact: true }).click();
  await expect(page.getByText(new RegExp(`^${round.year} 年度考核`))).toBeVisible();
  await expect(page.getByTestId('assessment-total')).toHaveText(String(Math.round(sheet.total * 100) / 100));
  await expect(page.getByTestId('assessment-grade')).toHaveText(sheet.gradeName);
  for (const c of sheet.criteria) await expect(page.getByRole('cell', { name: c.name, exact: true })).toBeVisible();
  // Read-only: nothing on the page changes a score.
  await expect(page.getByRole('button', { name: /自评|保存|提交/ })).toHaveCount(0);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载评分表.xlsx' }).click()]);
  expect(file.suggestedFilename()).toBe(`兴庆区${round.year}年度考核评分表.xlsx`);
  await finalShot(page, '11-assessment-sheet', true);
});
