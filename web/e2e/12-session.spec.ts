import { apiAs, demoPlan } from './support/api';
import { expect, finalShot, signIn, test } from './support/fixtures';

// No expectedHttpErrors: the console guard fails on any refused request.
test('会话在页面加载途中失效：控制台回到登录页并说明原因，不再发出会被拒绝的请求', async ({ page }) => {
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const items = await office.get<{ items: { id: string }[] }>(`/work-items?planId=${plan.id}&pageSize=1`);

  await signIn(page, 'office');
  // The item page loads in steps (the item, then its extensions, then the history that follows them):
  // hold one step back so the session ends while the page is still loading.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route((url) => url.pathname === '/api/v1/extensions', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/work-items/${items.items[0].id}`);
  await expect(page.getByRole('heading', { name: /序号/ })).toBeVisible();
  // The tokens vanish (storage cleared by hand or by a tool), then the held step answers.
  await page.evaluate(() => sessionStorage.clear());
  release();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('登录已失效（超时、密码已修改或已在别处注销），请重新登录。')).toBeVisible();
  await finalShot(page, '09-session-ended');
});
