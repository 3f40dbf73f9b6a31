// Loaded outside jest's module graph like global-setup.ts: it imports nothing and calls what the setup left.
declare global {
  var dropTestRunDatabases: (() => Promise<void>) | undefined;
}

/** Removes this run's template and any per-file database copied from it. */
export default async function globalTeardown() {
  await globalThis.dropTestRunDatabases?.();
}
