import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { ConsoleModule } from './console.module.js';

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return [{ id: 1 }];
  }
}

@Module({ controllers: [ThingsController] })
class ApiModule {}

async function boot(dist: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule, ConsoleModule.serving(dist)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.setGlobalPrefix('api/v1', { exclude: ['health/live'] });
  await app.init();
  return app;
}

describe('ConsoleModule', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('with a built console', () => {
    let app: INestApplication;
    beforeAll(async () => {
      mkdirSync(join(dir, 'built', 'assets'), { recursive: true });
      writeFileSync(join(dir, 'built', 'index.html'), '<!doctype html><title>控制台</title><div id="root"></div>');
      writeFileSync(join(dir, 'built', 'assets', 'index-abc.js'), 'console.log(1)');
      writeFileSync(join(dir, 'built', 'assets', 'index-abc.js.gz'), gzipSync('console.log(1)'));
      app = await boot(join(dir, 'built'));
    });
    afterAll(() => app.close());

    it('serves index.html at / and at any page address (SPA fallback)', async () => {
      for (const path of ['/', '/work-items/5b1c', '/my-reports?periodId=1']) {
        const res = await request(app.getHttpServer()).get(path).expect(200);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.text).toContain('控制台');
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      }
    });

    it('serves hashed assets with a long cache', async () => {
      const res = await request(app.getHttpServer()).get('/assets/index-abc.js').expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toContain('immutable');
    });

    it('never shadows the API or the probes', async () => {
      await request(app.getHttpServer()).get('/api/v1/things').expect(200, [{ id: 1 }]);
      const missing = await request(app.getHttpServer()).get('/api/v1/nope').expect(404);
      expect(missing.text).not.toContain('控制台');
      const health = await request(app.getHttpServer()).get('/health/nope').expect(404);
      expect(health.text).not.toContain('控制台');
    });

    it('sends the precompressed file when the browser takes it', async () => {
      const res = await request(app.getHttpServer()).get('/assets/index-abc.js').set('Accept-Encoding', 'gzip, deflate').expect(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['vary']).toContain('Accept-Encoding');
      expect(res.text).toBe('console.log(1)');
      const plain = await request(app.getHttpServer()).get('/assets/index-abc.js').set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
    });

    it('answers a missing asset with 404, not with the page', async () => {
      await request(app.getHttpServer()).get('/assets/gone.js').expect(404);
    });

    it('does not let a path escape the build folder', async () => {
      writeFileSync(join(dir, 'outside.txt'), 'OUTSIDE-THE-BUILD');
      const res = await request(app.getHttpServer()).get('/..%2Foutside.txt');
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('OUTSIDE-THE-BUILD');
    });

    it('leaves other methods to the API', async () => {
      await request(app.getHttpServer()).post('/').expect(404);
    });
  });

  it('explains in Chinese how to build the console when it has not been built', async () => {
    const app = await boot(join(dir, 'missing'));
    try {
      const res = await request(app.getHttpServer()).get('/').expect(503);
      expect(res.text).toContain('npm run build:web');
      expect(res.text).toContain('网页控制台尚未构建');
      await request(app.getHttpServer()).get('/api/v1/things').expect(200);
    } finally {
      await app.close();
    }
  });
});
