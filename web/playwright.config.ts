import { defineConfig } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/support/browser';

// One free port for the whole run, chosen once by the main process; workers inherit it through the
// environment (they evaluate this file again).
if (!process.env.E2E_BASE_URL && !process.env.E2E_PORT) {
  const probe = spawnSync(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"], { encoding: 'utf8' });
  process.env.E2E_PORT = probe.stdout.trim();
}
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts$/,
  outputDir: './e2e/artifacts/test-results',
  globalSetup: './e2e/support/global-setup.ts',
  globalTeardown: './e2e/support/global-teardown.ts',
  // The journeys share one seeded database and run one at a time, in file order.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  // Generous: CI machines have two cores shared with the service, PostgreSQL and the browser.
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
});
