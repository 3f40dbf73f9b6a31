import { apiAs, demoPlan } from './support/api';
import { expect, finalShot, signIn, signOut, test } from './support/fixtures';
import { opened } from './support/forms';

/** A date that puts the time-proportional expectation at about 20%: with 5% reported, 15 points behind is yellow. */
function dateForYellow(planStartYear: number): { iso: string; typed: string } {
  const start = Date.UTC(planStartYear, 0, 1);
  const target = new Date(Date.now() + 4 * (Date.now() - start));
  const y = target.getUTCFullYear();
  const m = target.getUTCMonth() + 1;
  const d = Math.min(target.getUTCDate(), 28);
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, typed: `${y}年${m}月${d}日` };
}

test('部门申请延期，办公室批准，事项页上的红黄绿灯随之变化', async ({ page }) => {
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const { horizonStartYear } = await office.get<{ horizonStartYear: number }>(`/plans/${plan.id}`);
  const wanted = dateForYellow(horizonStartYear);

  // An item is judged against its time-proportional expectation once its lead has reported: 市发改委
  // reports 5% on 序号 1 (signed off by its head through the API, as any client could), which is far
  // behind the expectation for a 2030 deadline, so the item is red before the extension.
  const head = await apiAs('fgw-head');
  const [period] = await office.get<{ id: string; status: string }[]>(`/plans/${plan.id}/periods`);
  const screen = await head.get<{ items: { id: string; version: number; kind: string; workItemId: string; workItem: { seq: string; itemNo: number } }[] }>(`/periods/${period.id}/my-reports`);
  const report = screen.items.find((i) => i.kind === 'report' && i.workItem.seq === '1' && i.workItem.itemNo === 1)!;
  await head.send('POST', `/periods/${period.id}/my-reports`, {
    items: [{ reportId: report.id, version: report.version, status: 'at_risk', percent: 5, done: '完成项目储备摸底，装机推进滞后。' }],
    signOff: true,
  });
  await expect.poll(async () => (await office.get<{ light: string | null }>(`/work-items/${report.workItemId}`)).light, { timeout: 20_000 }).toBe('red');

  // 1. 市发改委 finds its red item and files the request.
  await signIn(page, 'fgw');
  await page.getByRole('menu', { name: '主菜单' }).getByText('工作事项', { exact: true }).click();
  await page.getByLabel('工作内容关键词').fill('清洁能源装机规模突破500万千瓦');
  await page.getByLabel('工作内容关键词').press('Enter');
  await expect(page.getByText('共 1 项')).toBeVisible();
  await page.getByRole('link', { name: /加快推动清洁能源发展/ }).click();
  await expect(page.getByRole('heading', { name: /序号 1/ })).toBeVisible();
  const light = page.locator('h4 [data-light]');
  await expect(light).toHaveText('红灯');
  await page.getByRole('button', { name: '申请延期' }).first().click();
  const dialog = await opened(page.getByRole('dialog', { name: '申请延期' }));
  await dialog.getByLabel('申请延至').fill(wanted.typed);
  await dialog.getByLabel('申请延至').press('Enter');
  await dialog.getByLabel('延期理由').fill('受电网接入批复进度影响，装机目标需顺延完成。');
  await dialog.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('延期申请已提交，等待领导小组办公室审批')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '受电网接入批复进度影响' })).toContainText('待审批');
  await signOut(page);

  // 2. The office approves it from its queue.
  await signIn(page, 'office');
  await page.getByRole('menu', { name: '主菜单' }).getByText('延期申请', { exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: '受电网接入批复进度影响' });
  await expect(row).toContainText('市发改委');
  await expect(row).toContainText('序号 1');
  await row.getByRole('button', { name: '批准' }).click();
  const decide = await opened(page.getByRole('dialog', { name: '批准延期' }));
  await decide.getByLabel('批复意见（选填）').fill('同意延期，请按新期限抓紧推进。');
  await decide.getByRole('button', { name: '批准' }).click();
  await expect(page.getByText('已批准延期，红黄绿灯已按新期限重算')).toBeVisible();

  // 3. The item page shows the approved date and the changed light, with its history.
  await page.getByRole('tab', { name: '已批准' }).click();
  await page.getByRole('row').filter({ hasText: '受电网接入批复进度影响' }).getByRole('link').click();
  await expect(page.getByText(/已批准延期至/)).toBeVisible();
  await expect(light).toHaveText('黄灯');
  await page.getByText('红黄绿灯变化').scrollIntoViewIfNeeded();
  await expect(page.getByText(/^事项：红灯 → 黄灯/)).toBeVisible();
  await finalShot(page, '03-extension-approved-light-changed', true);
  expect(wanted.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});
