import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROLE_PERMISSIONS } from '../src/app/permissions';
import { ROOT_DIR } from './support/paths';

// The console hides what a role may not use; the service decides. This keeps the two tables equal.
test('控制台的角色权限表与服务的一致', async () => {
  const service = (await import(pathToFileURL(join(ROOT_DIR, 'dist', 'src', 'access', 'permissions.js')).href)) as { ROLE_PERMISSIONS: Record<string, string[]> };
  const sort = (t: Record<string, readonly string[]>) => Object.fromEntries(Object.entries(t).map(([role, perms]) => [role, [...perms].sort()]).sort());
  expect(sort(ROLE_PERMISSIONS)).toEqual(sort(service.ROLE_PERMISSIONS));
});
