#!/usr/bin/env node
// Measures what a first visit downloads before the first screen: the entry script, the modules
// index.html preloads, and the stylesheet, gzipped. Fails above the budget (500 KB of JavaScript).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 500;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error('web/dist/index.html 不存在：请先运行 npm run build');
  process.exit(1);
}
const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let js = 0;
let css = 0;
const rows = refs.map((ref) => {
  const gz = gzipSync(readFileSync(join(dist, ref))).length;
  if (ref.endsWith('.js')) js += gz;
  else css += gz;
  return `  ${ref}  ${(gz / 1024).toFixed(1)} KB`;
});
console.log(`首屏资源（gzip）：\n${rows.join('\n')}\n  JavaScript 合计 ${(js / 1024).toFixed(1)} KB（上限 ${BUDGET_KB} KB），CSS ${(css / 1024).toFixed(1)} KB`);
if (js / 1024 > BUDGET_KB) {
  console.error(`首屏 JavaScript 超过 ${BUDGET_KB} KB（gzip）：请把新页面放进按需加载的路由，或拆分依赖。`);
  process.exit(1);
}
