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
