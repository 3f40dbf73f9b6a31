import { apiAs, demoPlan, unitId } from './support/api';
import { expect, finalShot, signIn, test } from './support/fixtures';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** Nothing wider than the screen: a phone never scrolls the page sideways (a wide table scrolls inside itself). */
async function fitsTheScreen(page: import('@playwright/test').Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc).toBeLessThanOrEqual(widths.view);
}

test('手机宽度：兴庆区负责人从菜单打开督办单、签收，并在消息中看到它', async ({ page }) => {
  // Issued through the API: what is tested here is the county head's phone, not the office's form (journey 09).
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const xingqing = await unitId(office, '兴庆区');
  const { items } = await office.get<{ items: { id: string }[] }>(`/work-items?planId=${plan.id}&unitId=${xingqing}&pageSize=1`);
  const inAWeek = new Date(Date.now() + 8 * 3600_000 + 7 * 86400_000).toISOString().slice(0, 10);
  const notice = await office.send<{ id: string; numberText: string }>('POST', '/notices', {
    workItemId: items[0].id,
    unitId: xingqing,
    level: 'urge',
    reason: '本季度进展尚未报送，请抓紧。',
    requestedAction: '三个工作日内报送进展并说明原因。',
    replyDeadline: inAWeek,
  });

  await signIn(page, 'xingqing-head');
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menu', { name: '主菜单' }).getByText('督办单', { exact: true }).click();
  await expect(page.getByRole('menu', { name: '主菜单' })).toBeHidden();
  const link = page.getByRole('link', { name: notice.numberText });
  await expect(link).toBeVisible();
  await fitsTheScreen(page);

  await link.click();
  await expect(page.getByRole('heading', { name: new RegExp(notice.numberText.replace(/[〔〕]/g, '.')) })).toBeVisible();
  await fitsTheScreen(page);
  // Labels above values on a phone (not squeezed into a column one character wide).
  // (The breakpoint is known only after the first paint, so wait for the layout rather than read it once.)
  const label = page.locator('.ant-descriptions-item-label', { hasText: '督办事由' });
  await expect.poll(async () => (await label.boundingBox())?.width ?? 0).toBeGreaterThan(200);
  await page.getByRole('button', { name: '签收' }).click();
  await expect(page.getByText('已签收，请在答复期限前答复办理情况')).toBeVisible();
  await expect(page.getByText('答复办理情况').first()).toBeVisible();
  const after = await office.get<{ state: string }>(`/notices/${notice.id}`);
  expect(after.state).toBe('acknowledged');

  // The inbox lists it too, also at phone width.
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menu', { name: '主菜单' }).getByText('消息', { exact: true }).click();
  await expect(page).toHaveURL(/\/notifications/);
  await expect(page.getByRole('menu', { name: '主菜单' })).toBeHidden();
  await expect(page.getByText(`${notice.numberText}「`).first()).toBeVisible();
  await fitsTheScreen(page);
  await finalShot(page, '17-phone-notices-inbox');
});
