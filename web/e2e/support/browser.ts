import { existsSync } from 'node:fs';

// Playwright's own browser download does not work on these machines: the journeys drive the system's
// Chromium (Debian's `chromium` package) instead.
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} 不存在。请指向 Chromium 可执行文件，或删除该变量以使用系统浏览器。`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    [
      '未找到 Chromium，无法运行控制台的浏览器测试（不会跳过）。',
      '请安装系统浏览器：  apt-get update && apt-get install -y chromium fonts-noto-cjk',
      '或设置 CHROMIUM_PATH 指向已安装的 Chromium / Chrome 可执行文件。',
      '（Playwright 自带的浏览器下载在本环境不可用。）',
    ].join('\n'),
  );
}

/** Flags for a headless Chromium on a closed network, as root in CI. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
