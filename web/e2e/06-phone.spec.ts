import { expect, finalShot, signIn, test } from './support/fixtures';
import { DEMO_PASSWORD } from './support/paths';
import { choose } from './support/forms';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('手机宽度：县区填报员通过菜单打开本单位填报，填写一项并保存草稿', async ({ page }) => {
  await signIn(page, 'jinfeng');
  await expect(page).toHaveURL(/\/my-reports/);
  await expect(page.getByText('本单位填报').first()).toBeVisible();
  // The side menu folds into a drawer on a phone.
  await expect(page.getByRole('menu', { name: '主菜单' })).toBeHidden();
  await page.getByRole('button', { name: '打开菜单' }).click();
  await expect(page.getByRole('menu', { name: '主菜单' })).toBeVisible();
  await page.getByRole('menu', { name: '主菜单' }).getByText('本单位填报', { exact: true }).click();
  await expect(page.getByRole('menu', { name: '主菜单' })).toBeHidden();

  const card = page.getByTestId('report-card-1-1-contribution');
  await choose(page, card.getByLabel('序号 1 进展状态'), '按计划推进');
  await card.getByLabel('序号 1 完成进度').fill('30');
  await card.getByLabel('序号 1 主要工作进展').fill('配合推进屋顶分布式光伏，已完成 3 个公共建筑屋顶摸排。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  // The card's state, not the passing toast: it stays.
  await expect(card.getByText('草稿', { exact: true })).toBeVisible();

  // Nothing is wider than the screen: no sideways scrolling on a phone.
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc).toBeLessThanOrEqual(widths.view);
  await card.scrollIntoViewIfNeeded();
  await finalShot(page, '06-phone-batch-report');
});

test('手机宽度：登录后首页还在加载时打开菜单，首页加载完成时菜单不会自行关闭', async ({ page }) => {
  // The home screen's code held back, as on a slow network: the app stays on / until it arrives, then redirects.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/MyReportsPage-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/login');
  await page.getByLabel('用户名').fill('jinfeng');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await page.getByRole('button', { name: '打开菜单' }).click();
  const menu = page.getByRole('menu', { name: '主菜单' });
  await expect(menu).toBeVisible();
  release();
  await expect(page).toHaveURL(/\/my-reports/);
  await expect(page.getByText('本单位填报').first()).toBeVisible();
  // Still open once a closing drawer's animation (0.3 s) would have ended.
  await page.waitForTimeout(1000);
  await expect(menu).toBeVisible();
});
