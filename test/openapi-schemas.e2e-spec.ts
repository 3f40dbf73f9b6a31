import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from './app.js';

/**
 * Swagger names a schema after its DTO class: two classes of one name in different modules become one
 * schema, and the console's generated types then describe the wrong body (the year-end summary's unit
 * counts were typed as the import report's).
 */
describe('OpenAPI schema names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('no two response or request classes share a name anywhere in the service', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('generated'));
    const names = files.flatMap((f) => [...readFileSync(join('src', f), 'utf8').matchAll(/^(?:export )?class (\w+Dto)\b/gm)].map((m) => `${m[1]} (${f})`));
    const byName = new Map<string, string[]>();
    for (const n of names) byName.set(n.split(' ')[0], [...(byName.get(n.split(' ')[0]) ?? []), n]);
    expect([...byName.values()].filter((v) => v.length > 1)).toEqual([]);
  });

  it('keeps the summary unit counts apart from the import report unit counts', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const schemas = doc.components.schemas as Record<string, { properties: Record<string, { $ref?: string; allOf?: { $ref: string }[] }> }>;
    const refOf = (p: { $ref?: string; allOf?: { $ref: string }[] }) => (p.$ref ?? p.allOf?.[0].$ref)!.split('/').pop()!;
    const summaryUnits = schemas[refOf(schemas.SummaryBodyDto.properties.units)];
    expect(Object.keys(summaryUnits.properties).sort()).toEqual(['accepted', 'awaitingReview', 'dropped', 'late', 'missing', 'obliged']);
    const importUnits = schemas[refOf(schemas.ImportSummaryDto.properties.units)];
    expect(Object.keys(importUnits.properties).sort()).toEqual(['collective', 'matched', 'unknown']);
  });
});
