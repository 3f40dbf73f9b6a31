import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DEMO_PASSWORD } from './paths';


/**
 * Every journey fails on a console error or an uncaught exception in the page. A test that provokes a
 * refusal on purpose (a 404 for another county's item) lists the status it expects: Chromium logs
 * every 4xx fetch as a console error.
 */
export const test = base.extend<{ expectedHttpErrors: number[]; consoleGuard: void }>({
  expectedHttpErrors: [[], { option: true }],
  consoleGuard: [
    async ({ page, expectedHttpErrors }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`页面异常：${e.message}`));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        const text = m.text();
        const status = text.match(/status of (\d{3})/);
        if (status && expectedHttpErrors.includes(Number(status[1]))) return;
        // Chromium names the failed resource only in the message's location: keep it, to see which request failed.
        const url = m.location().url;
        problems.push(`控制台错误：${text}${url && !text.includes(url) ? `（${url}）` : ''}`);
      });
      await use();
      expect(problems, '浏览器控制台不应有错误').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  // Signed in means on the home screen: `/` redirects there once that screen's code has loaded.
  await expect(page).not.toHaveURL((url) => url.pathname === '/');
}

export async function signOut(page: Page) {
  // Watched apart, so a failure says which went wrong: the menu click sent nothing, or the page stayed.
  let sent = false;
  const watch = (r: { url(): string; method(): string }) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/auth/logout') sent = true;
  };
  page.on('request', watch);
  try {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect(page, '退出登录后应回到登录页').toHaveURL(/\/login/);
  } catch (e) {
    throw new Error(`${sent ? '已发出退出请求' : '点击“退出登录”后没有发出退出请求'}，页面停在 ${page.url()}`, { cause: e });
  } finally {
    page.off('request', watch);
  }
}

/** The journey's last screen, kept as an artifact to look at. */
export async function finalShot(page: Page, name: string, fullPage = false) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}
