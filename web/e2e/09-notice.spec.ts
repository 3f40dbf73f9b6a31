import { apiAs, demoPlan, unitId } from './support/api';
import { expect, finalShot, signIn, signOut, test } from './support/fixtures';
import { choose } from './support/forms';

/** A week from today in Beijing, typed as the date picker shows it. */
function inAWeek(): string {
  const d = new Date(Date.now() + 8 * 3600_000 + 7 * 86400_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

test('办公室向兴庆区发督办单，兴庆区负责人签收并答复，办公室办结；兴庆区填报员在消息中看到它', async ({ page }) => {
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const xingqing = await unitId(office, '兴庆区');
  // Any item 兴庆区 is assigned to: the notice may only go to an item's lead or supporting units.
  const { items } = await office.get<{ items: { id: string; seq: string; text: string }[] }>(`/work-items?planId=${plan.id}&unitId=${xingqing}&pageSize=1`);
  const item = items[0];
  const keyword = item.text.slice(0, 8);

  // 1. The office issues a 督办 notice from the list.
  await signIn(page, 'office');
  await page.getByRole('menu', { name: '主菜单' }).getByText('督办单', { exact: true }).click();
  await expect(page.getByText('还没有督办单')).toBeVisible();
  await page.getByRole('button', { name: '发督办单' }).click();
  const dialog = page.getByRole('dialog', { name: '发督办单' });
  await dialog.getByLabel('督办事项').click();
  await page.keyboard.type(keyword);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `序号 ${item.seq}` }).first();
  await expect(option).toBeVisible();
  await option.click();
  await choose(page, dialog.getByLabel('受文单位'), '兴庆区');
  await dialog.getByText('督办', { exact: true }).click();
  await dialog.getByLabel('督办事由').fill('该事项进度明显滞后于时序要求。');
  await dialog.getByLabel('办理要求').fill('说明滞后原因，提出整改措施和完成时限。');
  await dialog.getByLabel('答复期限').fill(inAWeek());
  await dialog.getByLabel('答复期限').press('Enter');
  await dialog.getByRole('button', { name: '下发' }).click();
  await expect(page.getByText(/已下发督办单 〔\d{4}〕第1号/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /督办单 〔\d{4}〕第1号/ })).toBeVisible();
  await expect(page.locator('[data-state]').first()).toHaveText('待签收');
  await expect(page.locator('[data-level]').first()).toHaveText('督办');
  await signOut(page);

  // 2. 兴庆区's head acknowledges (签收) and replies.
  await signIn(page, 'xingqing-head');
  await page.getByRole('menu', { name: '主菜单' }).getByText('督办单', { exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: '该事项进度明显滞后' });
  await expect(row).toContainText('待签收');
  await row.getByRole('link', { name: /第1号/ }).click();
  await page.getByRole('button', { name: '签收' }).click();
  await expect(page.getByText('已签收，请在答复期限前答复办理情况')).toBeVisible();
  // An empty reply is refused where it is typed.
  await page.getByRole('button', { name: '提交答复' }).click();
  await expect(page.getByText('请填写办理情况')).toBeVisible();
  await page.getByLabel('办理情况').fill('已召开专题会议，明确整改措施，12月底前完成。');
  await page.getByRole('button', { name: '提交答复' }).click();
  await expect(page.getByText('已答复，等待领导小组办公室审核办结')).toBeVisible();
  await expect(page.locator('[data-state]').first()).toHaveText('已答复待办结');
  await signOut(page);

  // 3. The office closes it.
  await signIn(page, 'office');
  await page.getByRole('menu', { name: '主菜单' }).getByText('督办单', { exact: true }).click();
  await page.getByRole('tab', { name: '待办结' }).click();
  await page.getByRole('row').filter({ hasText: '兴庆区' }).getByRole('link', { name: /第1号/ }).click();
  await expect(page.getByText('已召开专题会议，明确整改措施')).toBeVisible();
  await page.getByRole('button', { name: '办结' }).click();
  await expect(page.getByText('督办单已办结')).toBeVisible();
  await expect(page.locator('[data-state]').first()).toHaveText('已办结');
  await expect(page.getByText('领导小组办公室办结')).toBeVisible();
  await signOut(page);

  // 4. 兴庆区's reporter finds the notice among its messages and marks everything read.
  await signIn(page, 'xingqing');
  const inbox = page.getByTestId('inbox-link');
  await expect(inbox).toHaveAccessibleName(/条未读/);
  await inbox.click();
  await expect(page.getByRole('heading', { name: '消息' })).toBeVisible();
  const message = page.getByTestId('notification').filter({ hasText: /〔\d{4}〕第1号/ });
  await expect(message).toHaveAttribute('data-unread', 'true');
  await expect(message).toContainText('督办单');
  await page.getByRole('button', { name: '全部标为已读' }).click();
  await expect(page.getByText(/已将 \d+ 条消息标记为已读/)).toBeVisible();
  await expect(message).toHaveAttribute('data-unread', 'false');
  await expect(inbox).toHaveAccessibleName('消息');
  await message.getByRole('link', { name: '查看督办单' }).click();
  await expect(page.getByRole('row').filter({ hasText: '该事项进度明显滞后' })).toContainText('已办结');
  await finalShot(page, '09-notice-closed-seen-by-reporter', true);
});
