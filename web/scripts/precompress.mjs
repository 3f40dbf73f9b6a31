#!/usr/bin/env node
// Writes .br and .gz next to every built script and stylesheet, so that the service sends compressed
// files without compressing on each request (src/console/console.handler.ts picks them by Accept-Encoding).
// A county clerk on a phone network downloads about a third of the bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
let before = 0;
let after = 0;
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const file = join(assets, name);
  const content = readFileSync(file);
  // Tiny files gain nothing and cost a header.
  if (statSync(file).size < 1024) continue;
  const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  before += content.length;
  after += br.length;
}
console.log(`已预压缩静态资源：${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB（brotli）`);
