import { apiAs, demoPlan } from './support/api';
import { expect, finalShot, signIn, test } from './support/fixtures';
import { choose } from './support/forms';

type Period = { id: string; label: string; startDate: string; dueDate: string };
type Dashboard = { today: string; periodId: string | null; reporting: { unitName: string; expected: number; submitted: number; onTime: number; onTimeRate: number | null }[] };

// Runs after the other journeys (by its name): the period it opens would change what they find.
test('工作台的按期报送率按调度期查看：默认显示截止日已过的最近一期，可切换到本期', async ({ page }) => {
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const [current] = await office.get<Period[]>(`/plans/${plan.id}/periods`);
  // The quarter before the demo's open one, opened late (its due date has passed), as an office catching up would.
  const [year, month] = current.startDate.split('-').map(Number);
  const quarter = Math.ceil(month / 3);
  const previous = quarter > 1 ? { year, index: quarter - 1 } : { year: year - 1, index: 4 };
  const late = await office.send<Period>('POST', `/plans/${plan.id}/periods`, { ...previous, confirm: true, reason: '补开上一季度调度' });
  const figures = (periodId: string) => office.get<Dashboard>(`/dashboard?planId=${plan.id}&periodId=${periodId}`);

  await signIn(page, 'office');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: '按期报送率' }) });
  const picker = card.getByRole('combobox', { name: '选择调度期' });
  const shown = card.locator('.ant-select');

  // The late quarter is the latest whose due date has passed (or, in a quarter's first ten days, the earliest):
  // shown first; nobody has reported in it.
  await expect(shown).toContainText(late.label);
  // The table's columns: 单位, 应报, 已报, 按期, 缺报, 按期报送率; ten units to a page, by name.
  const cells = (unitName: string) => card.getByRole('row').filter({ has: page.getByRole('cell', { name: unitName, exact: true }) }).getByRole('cell');
  const { today, reporting: lateRows } = await figures(late.id);
  expect(lateRows.length).toBeGreaterThan(0);
  const [owing] = lateRows;
  const missing = late.dueDate < today ? owing.expected : 0;
  await expect(cells(owing.unitName)).toHaveText([owing.unitName, `${owing.expected}`, '0', '0', `${missing}`, '0%']);

  // The open quarter, picked: its own figures; its due date is still ahead, so nothing counts as missing yet.
  await choose(page, picker, current.label);
  await expect(shown).toContainText(current.label);
  const [open] = (await figures(current.id)).reporting;
  await expect(cells(open.unitName)).toHaveText([open.unitName, `${open.expected}`, `${open.submitted}`, `${open.onTime}`, '0', open.onTimeRate === null ? '—' : `${Math.round(open.onTimeRate * 1000) / 10}%`]);
  await finalShot(page, '18-dashboard-periods');
});
