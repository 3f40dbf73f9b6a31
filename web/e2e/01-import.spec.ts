import { join } from 'node:path';
import { WEB_DIR } from './support/paths';
import { expect, finalShot, signIn, test } from './support/fixtures';
import { choose } from './support/forms';

const fixture = (name: string) => join(WEB_DIR, 'e2e', 'fixtures', name);

test('办公室新建方案，预检并导入任务分工表；重新导入含未识别单位的修订稿，处理该单位后导入，看到变更报告', async ({ page }) => {
  await signIn(page, 'office');
  await page.getByRole('menu', { name: '主菜单' }).getByText('实施方案', { exact: true }).click();
  await page.getByRole('button', { name: '新建方案' }).click();
  const title = `市级专项行动方案（浏览器测试 ${Date.now()}）`;
  await page.getByLabel('方案名称').fill(title);
  await page.getByLabel('所属行政区').click();
  await page.keyboard.type('银川市');
  await expect(page.locator('.ant-select-item-option-active')).toHaveText('银川市');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '新建并导入任务分工表' }).click();
  await expect(page.getByRole('heading', { name: '导入任务分工表' })).toBeVisible();
  await expect(page.getByText(title)).toBeVisible();

  // 1. The table as understood, row by row: targets split by year, deadlines derived; then one commit.
  await page.locator('input[type=file]').setInputFiles(fixture('special-plan.csv'));
  await expect(page.getByText('预检通过：3 项事项可以导入')).toBeVisible();
  const first = page.getByRole('row').filter({ hasText: '新增光伏装机容量' });
  await expect(first).toContainText('2025年');
  await expect(first).toContainText('不低于 80万千瓦');
  await expect(first).toContainText('「到2030年」→ 2030年12月31日');
  await expect(first).toContainText('各县(市)区人民政府');
  await page.getByRole('button', { name: '确认导入 3 项' }).click();
  await expect(page.getByText('导入完成：变更报告')).toBeVisible();
  await expect(page.getByText('新增', { exact: true }).locator('..')).toContainText('3 项');

  // 2. A revised table names a unit the system does not know: its row is marked and the name listed.
  await page.getByRole('button', { name: '再导入一个文件' }).click();
  await page.locator('input[type=file]').setInputFiles(fixture('special-plan-unknown-unit.csv'));
  await expect(page.getByText('未识别的单位（1 个）')).toBeVisible();
  const flagged = page.getByRole('row').filter({ hasText: '未识别：市未知局' });
  await expect(flagged).toContainText('错误：未知单位「市未知局」');
  // Left undecided, the row cannot be imported.
  await choose(page, page.getByLabel('「市未知局」的处理方式'), '暂不处理');
  await expect(page.locator('tr.row-error')).toHaveCount(1);
  await expect(page.getByRole('button', { name: /确认导入/ })).toBeDisabled();
  await page.keyboard.press('Escape');
  await finalShot(page, '01-import-dry-run-unknown-unit');
  // The office recognises it as another name of 市工信局.
  await choose(page, page.getByLabel('「市未知局」的处理方式'), '作为已有单位的别名');
  await choose(page, page.getByLabel('「市未知局」对应的单位'), '市工信局', true);
  await expect(page.locator('tr.row-error')).toHaveCount(0);
  await page.getByRole('button', { name: '确认导入 3 项' }).click();

  // 3. The change report: the one item that changed is updated, nothing is duplicated, the alias is recorded.
  await expect(page.getByText('导入完成：变更报告')).toBeVisible();
  await expect(page.getByText('更新', { exact: true }).locator('..')).toContainText('1 项');
  await expect(page.getByText('未变', { exact: true }).locator('..')).toContainText('2 项');
  await expect(page.getByText('添加别名：市未知局 → 市工信局')).toBeVisible();
  await expect(page.getByText(/序号 3：.*配合单位/)).toBeVisible();
  await finalShot(page, '01-import-change-report');

  await page.getByRole('button', { name: '查看工作事项' }).click();
  await expect(page.getByRole('heading', { name: '工作事项' })).toBeVisible();
  await expect(page.getByText('共 3 项')).toBeVisible();
});
