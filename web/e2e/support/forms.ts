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
  const item = dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await expect(item).toBeVisible();
  await item.click();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(dropdown).toBeHidden();
  await expect(root).toContainText(option);
}

/** Confirms an antd Popconfirm that is open now. */
export async function confirmPop(page: Page, okText: string) {
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: okText }).click();
}
