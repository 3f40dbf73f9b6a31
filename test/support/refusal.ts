import type request from 'supertest';

/**
 * A request refused by validation: 400, problem+json, exactly these field errors, and a detail that names
 * the first field once, then its message (and how many there are when there are several).
 */
export function expectValidationRefused(res: request.Response, errors: { field: string; message: string }[]) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION' });
  expect(res.body.errors).toEqual(errors);
  const more = errors.length > 1 ? `（共 ${errors.length} 处）` : '';
  expect(res.body.detail).toBe(`请求参数无效：${errors[0].field} ${errors[0].message}${more}`);
}
