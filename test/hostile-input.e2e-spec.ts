import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, tokenFor, type TestApp } from './app.js';

/**
 * Every route of the OpenAPI document, fed a fixed corpus of hostile values in each body field, in the body as
 * a whole, in each path parameter and in each query parameter, as the office and as a unit head. Whatever
 * comes back: never a 5xx, always problem+json when refused, and a refused request changes no row.
 */
const HOSTILE: unknown[] = [
  'a\u0000b',
  '\u0007\u001b[31m响铃',
  'x'.repeat(100_000),
  'ab\ud800cd',
  "'; DROP TABLE units; --",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '2031-02-30',
  '',
  2 ** 31,
  2 ** 53,
  -1,
  1e308,
  1.5,
  true,
  null,
  [],
  [1, 2],
  {},
  { a: { b: { c: 1 } } },
];
const HOSTILE_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1", '..%2F..%2Fetc', 'a%00b', 'x'.repeat(3000)];

/** As an attacker would put it in a URL: a lone surrogate becomes the invalid UTF-8 bytes of one. */
const inUrl = (v: string) => v.split(/([\ud800-\udfff])/).map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');

type Schema = { $ref?: string; properties?: Record<string, Schema>; allOf?: Schema[]; type?: string };
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } };

describe('hostile input on every route', () => {
  let t: TestApp;
  let tokens: string[];
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const { planId } = await seedDemo(t.app);
    tokens = [await tokenFor(t, 'office'), await tokenFor(t, 'fgw-head')];
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const item = await t.prisma.workItem.findFirstOrThrow({ where: { planId } });
    const unit = await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委' } });
    const user = await t.prisma.user.findFirstOrThrow({ where: { username: 'fgw' } });
    ids = { planId, id: item.id, unitId: unit.id, userId: user.id };
  });
  afterAll(() => t.close());

  /**
   * Every write of this system appends an audit event in its transaction, and most announce an outbox event:
   * their heads, with the rows of the tables a half-written request would leave behind, show any change.
   */
  const fingerprint = async () =>
    JSON.stringify(
      await t.prisma.$queryRawUnsafe<Record<string, bigint>[]>(`
        SELECT (SELECT coalesce(max(id), 0) FROM audit_events) ae, (SELECT coalesce(max(id), 0) FROM outbox_events) oe,
               (SELECT count(*) FROM units) u, (SELECT count(*) FROM work_items) w, (SELECT count(*) FROM assignments) a,
               (SELECT count(*) FROM evidence_files) e, (SELECT coalesce(sum(version), 0) FROM progress_reports) rv`),
      (_, v) => (typeof v === 'bigint' ? v.toString() : v),
    );

  const properties = (schema: Schema | undefined): string[] => {
    if (!schema) return [];
    if (schema.$ref) return properties(doc.components.schemas[schema.$ref.split('/').pop()!]);
    return [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap(properties)];
  };

  const fill = (path: string, params: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? ids[name] ?? ids.id);

  type Probe = { what: string; send: () => request.Test };

  /** Runs a route's probes four at a time; a refused request must change nothing, checked one by one only where the route accepted some. */
  async function probe(probes: Probe[], failures: string[]) {
    const before = await fingerprint();
    const statuses: number[] = [];
    for (let i = 0; i < probes.length; i += 4) {
      const batch = await Promise.all(probes.slice(i, i + 4).map((p) => p.send()));
      batch.forEach((res, k) => {
        const what = probes[i + k].what;
        statuses.push(res.status);
        if (res.status >= 500) failures.push(`${what}: ${res.status}`);
        else if (res.status >= 400 && !String(res.headers['content-type'] ?? '').includes('application/problem+json')) failures.push(`${what}: ${res.status} without problem+json`);
      });
    }
    if (statuses.every((s) => s >= 400)) {
      if ((await fingerprint()) !== before) failures.push(`${probes[0]?.what.split(' ').slice(0, 2).join(' ')}: refused requests changed rows`);
      return;
    }
    for (const p of probes) {
      const start = await fingerprint();
      const res = await p.send();
      if (res.status >= 400 && (await fingerprint()) !== start) failures.push(`${p.what}: refused (${res.status}) but rows changed`);
    }
  }

  it('never answers 5xx, always problem+json when refused, and refusals write nothing', async () => {
    const failures: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        if (path.includes('/auth/') || path.startsWith('/health')) continue; // the session routes are probed in auth tests
        const verb = method as 'get' | 'post' | 'put' | 'patch';
        const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const json = op.requestBody?.content['application/json']?.schema;
        const multipart = Boolean(op.requestBody?.content['multipart/form-data']);
        const call = (token: string, url: string) => request(t.http)[verb](url).set('authorization', `Bearer ${token.replace(/^Bearer /, '')}`);
        // The office reaches the validation and the services of almost every route; where its permissions stop
        // (a unit's own reports), a unit head goes on.
        const baseline = await call(tokens[0], fill(path, {})).send({});
        const as = baseline.status === 403 ? tokens : [tokens[0]];
        const probes: Probe[] = [];
        const check = (what: string, send: (token: string) => request.Test) => as.forEach((tk) => probes.push({ what, send: () => send(tk) }));

        for (const p of params) {
          for (const bad of HOSTILE_IDS) check(`${method.toUpperCase()} ${path} ${p}=${bad.slice(0, 20)}`, (tk) => call(tk, fill(`/${path.replace(/^\//, '')}`, { [p]: bad })).send({}));
        }
        for (const q of query) {
          for (const bad of HOSTILE.filter((v) => typeof v === 'string' || typeof v === 'number') as (string | number)[]) {
            check(`${method.toUpperCase()} ${path} ?${q}=${String(bad).slice(0, 20)}`, (tk) => call(tk, `${fill(path, {})}?${q}=${inUrl(String(bad))}`).send({}));
          }
        }
        if (json) {
          for (const bad of HOSTILE) check(`${method.toUpperCase()} ${path} body=${JSON.stringify(bad)?.slice(0, 20)}`, (tk) => call(tk, fill(path, {})).set('content-type', 'application/json').send(JSON.stringify(bad)));
          for (const field of properties(json)) {
            for (const bad of HOSTILE) {
              check(`${method.toUpperCase()} ${path} ${field}=${JSON.stringify(bad)?.slice(0, 20)}`, (tk) => call(tk, fill(path, {})).send({ [field]: bad }));
            }
          }
        }
        if (multipart) {
          const files: [Buffer, string][] = [
            [Buffer.from('%PDF-1.4 扫描件'), 'a\u0000b.pdf'],
            [Buffer.from('序号,主要工作,牵头单位\n1,推进,市发改委\n'), '../../../etc/passwd'],
            [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'x'.repeat(500) + '.xls'],
            [Buffer.alloc(0), 'empty.csv'],
            [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '损坏.xlsx'],
          ];
          for (const [content, name] of files) {
            check(`${method.toUpperCase()} ${path} file ${name.slice(0, 20)}`, (tk) => call(tk, `${fill(path, {})}?dryRun=true`).attach('file', content, name));
          }
          check(`${method.toUpperCase()} ${path} wrong field`, (tk) => call(tk, fill(path, {})).attach('upload', Buffer.from('a'), 'a.csv'));
          check(`${method.toUpperCase()} ${path} not multipart`, (tk) => call(tk, fill(path, {})).send({ file: 'x' }));
        }
        await probe(probes, failures);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('malformed JSON, unknown routes and oversized bodies answer problem+json naming what is wrong', async () => {
    const office = tokens[0];
    const malformed = await request(t.http).post('/api/v1/plans').set('authorization', office).set('content-type', 'application/json').send('{"title": ').expect(400);
    expect(malformed.body).toMatchObject({ code: 'REQUEST.MALFORMED_JSON', errors: [{ field: '(body)' }] });
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const nested = await request(t.http).post('/api/v1/plans').set('authorization', office).set('content-type', 'application/json').send(`{"title":${deep}}`).expect(400);
    expect(nested.body.detail).toContain('嵌套过深');
    // The same depth inside a multipart field that the route parses as JSON.
    const deepField = await request(t.http)
      .post(`/api/v1/plans/${ids.planId}/imports?dryRun=true`)
      .set('authorization', office)
      .field('onboarding', deep)
      .attach('file', Buffer.from('序号,工作内容,牵头单位\n1,推进屋顶光伏,市发改委\n'), 'table.csv')
      .expect(400);
    expect(deepField.body).toMatchObject({ detail: expect.stringContaining('嵌套过深'), errors: [{ field: expect.stringMatching(/^onboarding/) }] });
    // An upload cut off mid-file is a broken form, not broken JSON.
    const truncated = await request(t.http)
      .post(`/api/v1/plans/${ids.planId}/imports?dryRun=true`)
      .set('authorization', office)
      .set('content-type', 'multipart/form-data; boundary=xx')
      .send('--xx\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n序号,工作内容')
      .expect(400);
    expect(truncated.body).toMatchObject({ code: 'UPLOAD.BAD_FORM' });
    const huge = await request(t.http).post('/api/v1/plans').set('authorization', office).send({ title: 'x'.repeat(6 * 1024 * 1024) }).expect(413);
    expect(huge.body).toMatchObject({ code: 'REQUEST.TOO_LARGE', detail: expect.stringContaining('5 MB') });
    const route = await request(t.http).delete('/api/v1/plans').set('authorization', office).expect(404);
    expect(route.headers['content-type']).toContain('application/problem+json');
    const english = await request(t.http).get('/api/v1/work-items?light=purple&pageSize=500').set('authorization', office).expect(400);
    expect(english.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'pageSize', message: '不能大于 200' },
        { field: 'light', message: '须为以下之一：green、yellow、red、none' },
      ]),
    );
    const pasted = await request(t.http).post('/api/v1/plans').set('authorization', office).send({ title: '从 Word 粘贴\u0000的标题', jurisdictionId: ids.unitId }).expect(201);
    expect(pasted.body.title).toBe('从 Word 粘贴的标题');
  });
});
