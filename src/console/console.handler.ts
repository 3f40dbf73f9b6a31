import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

export const CONSOLE_DIST = Symbol('CONSOLE_DIST');

/** Paths the console never answers for: the API and the probes keep their own 404s. */
const RESERVED = /^\/(api|health)(\/|$)/;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// antd writes its styles at run time (CSS-in-JS), hence 'unsafe-inline' for styles only; scripts come
// from this origin alone.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>控制台尚未构建 - 碳达峰实施方案责任落实跟踪系统</title>
<style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:640px;margin:10vh auto;padding:0 16px;color:#262626;line-height:1.7}code{background:#f5f5f5;padding:2px 6px;border-radius:4px}</style>
</head><body>
<h1>网页控制台尚未构建</h1>
<p>服务已在运行，接口可用（<a href="/api/docs">接口文档</a>），但网页控制台的文件（<code>web/dist</code>）还没有生成。</p>
<p>请在项目根目录运行：</p>
<p><code>npm run build:web</code></p>
<p>构建完成后刷新本页即可。使用 <code>npm run demo</code> 启动时会自动构建。</p>
</body></html>`;

@Injectable()
export class ConsoleHandler {
  constructor(@Inject(CONSOLE_DIST) private readonly dist: string) {}

  private get indexFile(): string {
    return join(this.dist, 'index.html');
  }

  /** Files of the build: hashed assets are cached for a year, everything else is revalidated. */
  assets(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || RESERVED.test(req.path) || req.path === '/' || req.path === '/index.html') return next();
      let path: string;
      try {
        path = normalize(join(this.dist, decodeURIComponent(req.path)));
      } catch {
        return next();
      }
      if (!path.startsWith(this.dist + sep)) return next();
      let stat: Stats;
      try {
        stat = statSync(path);
      } catch {
        return next();
      }
      if (!stat.isFile()) return next();
      res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The build writes .br and .gz beside each script (web/scripts/precompress.mjs): send the smallest the browser takes.
      const encoding = this.precompressed(path, req.header('accept-encoding') ?? '');
      res.setHeader('Vary', 'Accept-Encoding');
      if (encoding) {
        res.setHeader('Content-Encoding', encoding.name);
        path = encoding.path;
        stat = encoding.stat;
      }
      res.setHeader('Content-Length', String(stat.size));
      if (req.method === 'HEAD') return res.end();
      createReadStream(path).on('error', next).pipe(res);
    };
  }

  private precompressed(path: string, acceptEncoding: string): { name: string; path: string; stat: Stats } | null {
    const accepted = acceptEncoding.split(',').map((e) => e.trim().split(';')[0].toLowerCase());
    for (const [name, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!accepted.includes(name)) continue;
      try {
        const stat = statSync(path + suffix);
        if (stat.isFile()) return { name, path: path + suffix, stat };
      } catch {
        // not precompressed
      }
    }
    return null;
  }

  /**
   * Every other page address (/, /work-items/…, /my-reports) gets index.html and the console's router
   * takes over. A missing file with an extension (/assets/old.js) is a real 404, not a page.
   */
  fallback(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const ext = extname(req.path);
      if ((req.method !== 'GET' && req.method !== 'HEAD') || RESERVED.test(req.path) || (ext && ext !== '.html')) return next();
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'same-origin');
      res.setHeader('Cache-Control', 'no-cache');
      if (!existsSync(this.indexFile)) {
        res.status(503).type('html').send(NOT_BUILT);
        return;
      }
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('X-Frame-Options', 'DENY');
      res.type('html');
      if (req.method === 'HEAD') return res.end();
      createReadStream(this.indexFile).on('error', next).pipe(res);
    };
  }
}
