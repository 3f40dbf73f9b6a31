import { apiAs, demoPlan } from './support/api';
import { expect, finalShot, test } from './support/fixtures';

test('领导查看工作台，不能进入任何填报、审核或管理页面', async ({ page }) => {
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const items = await office.get<{ items: { id: string }[] }>(`/work-items?planId=${plan.id}&pageSize=1`);

  // Signed in with the keyboard alone: the user name field has focus, Tab moves on, Enter submits.
  await page.goto('/login');
  await expect(page.getByLabel('用户名')).toBeFocused();
  await page.keyboard.type('leader');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Demo-2026-carbon');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByText('各重点领域红黄绿灯')).toBeVisible();
  await expect(page.getByRole('img', { name: /各重点领域红黄绿灯/ })).toBeVisible();

  // The menu offers reading only.
  const menu = page.getByRole('menu', { name: '主菜单' });
  for (const entry of ['工作台', '工作事项', '延期申请', '实施方案', '考核结果']) await expect(menu.getByText(entry, { exact: true })).toBeVisible();
  for (const entry of ['本单位填报', '调度与审核', '单位管理', '用户管理', '审计记录', '催办设置', '通知发送', '考核管理']) await expect(menu.getByText(entry, { exact: true })).toHaveCount(0);

  // A figure opens the list behind it.
  await page.getByRole('link', { name: /红灯事项 \d+ 项，查看清单/ }).click();
  await expect(page).toHaveURL(/\/work-items\?.*light=red/);
  await expect(page.getByRole('heading', { name: '工作事项' })).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toContainText('红灯');

  // Every write screen refuses by address, too.
  for (const path of ['/my-reports', '/reporting', '/plans/new', `/plans/${plan.id}/import`, '/units', '/users', '/audit', '/reminders', '/notification-deliveries', '/assessment-rounds']) {
    await page.goto(path);
    await expect(page.getByText('无权访问'), path).toBeVisible();
  }
  // Read screens carry no write buttons.
  await page.goto(`/work-items/${items.items[0].id}`);
  await expect(page.getByRole('heading', { name: /序号/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '申请延期' })).toHaveCount(0);
  await page.goto('/extensions');
  await expect(page.getByRole('button', { name: '批准' })).toHaveCount(0);
  await page.goto('/notices');
  await expect(page.getByRole('heading', { name: '督办单' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '督办建议' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '发督办单' })).toHaveCount(0);
  await page.goto(`/plans/${plan.id}`);
  await expect(page.getByRole('button', { name: '导入任务分工表' })).toHaveCount(0);

  // 考核结果: the rounds and a round's ranking, read-only.
  const rounds = await office.get<{ id: string; year: number }[]>(`/plans/${plan.id}/assessment-rounds`);
  const last = [...rounds].sort((a, b) => b.year - a.year)[0];
  await page.getByRole('menu', { name: '主菜单' }).getByText('考核结果', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '考核结果' })).toBeVisible();
  await expect(page.getByRole('button', { name: '开启考核' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /编辑 \d{4} 年度方案/ })).toHaveCount(0);
  await page.getByRole('link', { name: `${last.year} 年度考核` }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`${last.year} 年度考核`) })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^排名/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /返回考核结果/ })).toBeVisible();
  for (const action of ['开始自评', '开始复核', '公布结果', '开始申诉期', '锁定结果', '指定评估人']) await expect(page.getByRole('button', { name: action })).toHaveCount(0);

  await page.goto('/dashboard');
  await expect(page.getByRole('columnheader', { name: '按期报送率' })).toBeVisible();
  // The reporting table shows one period, named in its picker: the demo's open quarter.
  const [period] = await office.get<{ label: string }[]>(`/plans/${plan.id}/periods`);
  await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: '选择调度期' }) })).toContainText(period.label);
  await finalShot(page, '04-leader-dashboard');
});
