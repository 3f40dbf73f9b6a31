import { apiAs, demoPlan } from './support/api';
import { expect, finalShot, signIn, test } from './support/fixtures';

// The service refuses a wrong weight total (400) and a formalism criterion (422) on purpose.
test.use({ expectedHttpErrors: [400, 422] });

interface SchemeRow {
  id: string;
  year: number;
  parts: { key: string; weight: number }[];
  criteria: { key: string; name: string; type: string; basis: string; rangeMin?: number; rangeMax?: number }[];
}

test('办公室编辑本年度考核方案：权重合计有误被指出，宣传报道类指标被拒并说明规定，改为允许的指标后保存', async ({ page }) => {
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const year = new Date().getFullYear();
  let schemes = await office.get<SchemeRow[]>(`/plans/${plan.id}/assessment-schemes`);
  // The demo copies last year's scheme forward; if this year still has none, do what the office would.
  if (!schemes.some((s) => s.year === year)) {
    await office.send('POST', `/plans/${plan.id}/assessment-schemes/copy`, { fromYear: year - 1, toYear: year });
    schemes = await office.get<SchemeRow[]>(`/plans/${plan.id}/assessment-schemes`);
  }
  const scheme = schemes.find((s) => s.year === year)!;
  // Journey 15 opens this year's round when the journeys run together: the page then says the round keeps its copy.
  const roundOpen = (await office.get<{ year: number }[]>(`/plans/${plan.id}/assessment-rounds`)).some((r) => r.year === year);
  const firstWeight = scheme.parts[0].weight;
  const added = scheme.criteria.length + 1;

  await signIn(page, 'office');
  await page.getByRole('menu', { name: '主菜单' }).getByText('考核管理', { exact: true }).click();
  await page.getByRole('button', { name: `编辑 ${year} 年度方案` }).click();
  await expect(page.getByRole('heading', { name: `编辑 ${year} 年度考核方案` })).toBeVisible();
  await expect(page.getByTestId('weight-total')).toHaveText('权重合计 100%');

  // A weight that breaks the total: the running total says so at once, and the service refuses it at the parts.
  await page.getByLabel('第 1 部分权重').fill(String(firstWeight - 10));
  await expect(page.getByTestId('weight-total')).toHaveText('权重合计 90%（须为 100%）');
  await page.getByRole('button', { name: '保存方案' }).first().click();
  await expect(page.getByTestId('section-error')).toContainText('各部分权重合计须为 100，现为 90');
  await page.getByLabel('第 1 部分权重').fill(String(firstWeight));
  await expect(page.getByTestId('weight-total')).toHaveText('权重合计 100%');

  // A criterion scored on publicity: refused at that criterion, with the 2024 rule.
  await page.getByRole('button', { name: '添加评分指标' }).click();
  const card = page.getByRole('group', { name: `评分指标 ${added}` });
  await card.getByLabel(`指标 ${added} 名称`).fill('宣传报道数量');
  await card.getByLabel(`指标 ${added} 评分下限`).fill('0');
  await card.getByLabel(`指标 ${added} 评分上限`).fill('5');
  await page.getByRole('button', { name: '保存方案' }).first().click();
  await expect(card.getByTestId('formalism-refusal')).toBeVisible();
  // The refusal is at the criterion's name (the words gave it away), citing the rule, where the office is looking.
  const refusal = card.locator('.ant-form-item-explain-error').filter({ hasText: '「宣传报道数量」以宣传报道、媒体报道计分' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('整治形式主义为基层减负若干规定');
  await expect(refusal).toBeInViewport();
  // The message slides open; the shot waits until it has.
  await expect.poll(() => refusal.evaluate((el) => el.getAnimations({ subtree: true }).length + (el.closest('.ant-form-item-explain')?.getAnimations().length ?? 0))).toBe(0);
  await finalShot(page, '16-scheme-refused');

  // Renamed to what the office actually judges: saved, and the service has it.
  await card.getByLabel(`指标 ${added} 名称`).fill('重点任务推进质量');
  await expect(card.getByTestId('formalism-refusal')).toHaveCount(0);
  await page.getByRole('button', { name: '保存方案' }).first().click();
  await expect(page.getByText(roundOpen ? `已保存。${year} 年度考核已开启，仍使用开启时的方案副本；本次修改不影响它` : '已保存考核方案。开启考核时将使用此方案')).toBeVisible();

  const saved = await office.get<SchemeRow>(`/assessment-schemes/${scheme.id}`);
  expect(saved.parts[0].weight).toBe(firstWeight);
  const criterion = saved.criteria.find((c) => c.name === '重点任务推进质量');
  expect(criterion).toMatchObject({ type: 'judged', basis: 'work_quality', rangeMin: 0, rangeMax: 5 });
  expect(saved.criteria.map((c) => c.key)).toEqual([...scheme.criteria.map((c) => c.key), criterion!.key]);
  await finalShot(page, '16-scheme-saved', true);
});
