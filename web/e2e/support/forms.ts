import { expect, type Locator, type Page } from '@playwright/test';

/** Picks an option of an antd Select by its visible text (the dropdown renders outside the field). */
export async function choose(page: Page, field: Locator, option: string, search = false) {
  await field.click();
  // Long lists render only what is in view: a searchable select is narrowed by typing first.
  if (search) await page.keyboard.type(option);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  await expect(item).toBeVisible();
  await item.click();
}

/** Confirms an antd Popconfirm that is open now. */
export async function confirmPop(page: Page, okText: string) {
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: okText }).click();
}
