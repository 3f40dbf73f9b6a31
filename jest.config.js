// Jest runs in ESM mode because NestJS 12 ships ES modules only (see docs/decisions.md).
// ts-jest transpiles each file on its own (isolatedModules in tsconfig.json): fast, and it keeps the decorator
// metadata Nest's dependency injection reads. Types are checked by `npm run lint:types`.
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
};
