import type { Route } from '@playwright/test';
import { expect, finalShot, signIn, test } from './support/fixtures';

// The renewal is answered 503 on purpose: Chromium logs it.
test.use({ expectedHttpErrors: [503] });

test('服务暂时无法访问时登录不能续期：保留登录状态并说明原因，服务恢复后继续使用', async ({ page }) => {
  await signIn(page, 'office');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();

  // The access token has expired (gone from storage) while the service cannot answer the renewal, as when
  // its database restarts.
  await page.route('**/api/v1/auth/refresh', (route) =>
    route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: '服务暂不可用', status: 503, code: 'DATABASE.UNAVAILABLE' }) }),
  );
  await page.evaluate(() => sessionStorage.removeItem('cpt.access'));
  await page.getByRole('menu', { name: '主菜单' }).getByText('工作事项', { exact: true }).click();
  await expect(page.getByText('服务暂时无法访问，登录状态已保留，请稍后重试。')).toBeVisible();
  await expect(page).toHaveURL(/\/work-items/);
  expect(await page.evaluate(() => sessionStorage.getItem('cpt.refresh'))).toBeTruthy();

  // The service answers again: the same session renews and the screens load.
  await page.unroute('**/api/v1/auth/refresh');
  await page.getByRole('menu', { name: '主菜单' }).getByText('工作台', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByText('各重点领域红黄绿灯')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
  await finalShot(page, '19-service-unavailable');
});

test('打开页面时服务无法访问：保留登录状态、不转到登录页，点击“重试”后继续使用', async ({ page }) => {
  await signIn(page, 'office');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();

  // The tab is reloaded while the service's database restarts: every call answers 503.
  const unavailable = { status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: '服务暂不可用', status: 503, code: 'DATABASE.UNAVAILABLE' }) };
  let asked = 0;
  await page.route('**/api/v1/**', (route) => {
    if (new URL(route.request().url()).pathname === '/api/v1/auth/me') asked += 1;
    return route.fulfill(unavailable);
  });
  await page.reload();
  await expect(page.getByText('服务暂时无法访问', { exact: true })).toBeVisible();
  await expect(page.getByText('登录状态已保留。服务恢复后点击“重试”即可继续，无需重新登录。')).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard/);
  expect(await page.evaluate(() => sessionStorage.getItem('cpt.refresh'))).toBeTruthy();

  // Still down: trying again asks the service again and keeps the page where it is.
  expect(asked).toBe(1);
  await page.getByRole('button', { name: '重试' }).click();
  await expect.poll(() => asked).toBe(2);
  await expect(page.getByText('服务暂时无法访问', { exact: true })).toBeVisible();

  await page.unroute('**/api/v1/**');
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByText('各重点领域红黄绿灯')).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard/);
});

test('打开页面时服务一直不应答：不停在加载中，约 15 秒后说明无法访问并可重试', async ({ page }) => {
  await signIn(page, 'office');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();

  // A proxy that holds the connection and never answers.
  const held: Route[] = [];
  await page.route('**/api/v1/auth/me', (route) => void held.push(route));
  await page.reload();
  await expect(page.getByText('正在加载…')).toBeVisible();
  await expect(page.getByText('服务暂时无法访问', { exact: true })).toBeVisible({ timeout: 25_000 });
  await expect(page).toHaveURL(/\/dashboard/);

  await page.unroute('**/api/v1/auth/me');
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  for (const route of held) await route.abort().catch(() => undefined);
});
