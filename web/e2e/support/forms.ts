import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picks an option of an antd Select by its visible text. The dropdown renders outside the field, and the
 * previous field's dropdown may still be in the page, closing: the option is looked for only in the
 * dropdown this field controls (its combobox names the listbox in aria-controls while open), and the
 * pick is done when that dropdown has closed and the field shows the option.
 */
export async function choose(page: Page, field: Locator, option: string, search = false) {
  const box = (await field.getAttribute('role')) === 'combobox' ? field : field.getByRole('combobox');
  const root = box.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const listId = await box.getAttribute('aria-controls');
  expect(listId, '下拉框打开后应指明它的选项列表').toBeTruthy();
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
  // Long lists render only what is in view: a searchable select is narrowed by typing first.
  if (search) await box.pressSequentially(option);
  // The dropdown slides in: a click on an option before it has settled can go unheard (the list stays open).
  await opened(dropdown);
  const item = dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await expect(item).toBeVisible();
  await item.click();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(dropdown).toBeHidden();
  await expect(root).toContainText(option);
}

/**
 * Waits until a dialog or popup has finished opening and returns it. antd zooms them in from the
 * button that opened them: a click during the zoom is aimed where the target was a frame earlier and,
 * on a slow machine, lands beside it (on the dialog's backdrop, which ignores it).
 */
export async function opened(popup: Locator): Promise<Locator> {
  await expect(popup).toBeVisible();
  await expect
    .poll(() => popup.evaluate((el) => /-(appear|enter)(-|\s|$)/.test(el.className) || el.getAnimations().some((a) => a.playState !== 'finished')), {
      message: '对话框应已打开完毕（动画结束）',
    })
    .toBe(false);
  return popup;
}

/** Confirms an antd Popconfirm that is open now. */
export async function confirmPop(page: Page, okText: string) {
  const pop = await opened(page.locator('.ant-popconfirm:visible'));
  await pop.getByRole('button', { name: okText }).click();
}

/**
 * Confirms the sign-off dialog of the unit's report screen: the dialog shows how many items go, the
 * service accepts them, the dialog closes and the screen says how many were signed off.
 */
export async function signOffReports(page: Page, count: number) {
  await page.getByRole('button', { name: '审核并报送' }).click();
  const dialog = await opened(page.getByRole('dialog'));
  await expect(dialog).toContainText(`将本单位本期 ${count} 项报送领导小组办公室`);
  const isSignOff = (url: string, method: string) => method === 'POST' && new URL(url).pathname.endsWith('/my-reports');
  // Apart, so a failure says which went wrong: the click did not send (sent stays pending), the service was slow, or it refused.
  const sent = page.waitForRequest((r) => isSignOff(r.url(), r.method()), { timeout: 20_000 });
  const answered = page.waitForResponse((r) => isSignOff(r.url(), r.request().method()), { timeout: 20_000 });
  await dialog.getByRole('button', { name: '确认报送' }).click();
  await sent;
  const res = await answered;
  expect(res.ok(), `报送请求应成功（${res.status()}）：${await res.text()}`).toBe(true);
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已审核报送 ${count} 项`)).toBeVisible();
}
