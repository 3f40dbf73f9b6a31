#!/usr/bin/env node
// Measures how long the console's first screen takes to become usable, on a running service with the
// demo data (`npm run demo`), in Debian's Chromium: for each demo account, sign in once, then time a
// fresh page load of the home screen until its content is on screen. A measurement for the benchmark,
// not a test: it prints JSON and fails only when it cannot measure.
//   node web/scripts/first-screen.mjs [--url http://localhost:3000] [--runs 3] [--office U --leader U|none --unit U --password P]
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const base = arg('url', 'http://localhost:3000');
const runs = Number(arg('runs', '3'));
const password = arg('password', process.env.DEMO_PASSWORD ?? 'Demo-2026-carbon');
const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!executablePath) {
  console.error('未找到 Chromium：apt-get install -y chromium fonts-noto-cjk，或设置 CHROMIUM_PATH');
  process.exit(1);
}

// What "usable" means on each home screen: the figures of the office, the unit's items to fill in.
// The demo's accounts by default; the benchmark names accounts of its own data (--office, --leader, --unit).
const dashboardReady = (page) => page.getByRole('img', { name: /各重点领域红黄绿灯/ });
const ACCOUNTS = [
  { username: arg('office', 'office'), home: '/dashboard', ready: dashboardReady },
  { username: arg('leader', 'leader'), home: '/dashboard', ready: dashboardReady },
  { username: arg('unit', 'xingqing'), home: '/my-reports', ready: (page) => page.getByText(/^共 \d+ 项$/) },
].filter((a) => a.username !== 'none');

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const results = [];
try {
  for (const account of ACCOUNTS) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(account.username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await account.ready(page).waitFor({ timeout: 30_000 });
    // Every run loads the page as a first visit would: the signed-in tab keeps its session
    // (sessionStorage), the browser cache is off, so every script is fetched again.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const times = [];
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await page.goto(`${base}${account.home}`, { waitUntil: 'commit' });
      await account.ready(page).waitFor({ timeout: 30_000 });
      times.push(Date.now() - started);
    }
    results.push({ account: account.username, screen: account.home, runsMs: times, medianMs: times.sort((a, b) => a - b)[Math.floor(times.length / 2)] });
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ url: base, viewport: '1366x768', results }, null, 2));
