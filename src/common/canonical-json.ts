/**
 * JSON with object keys in sorted order, so that two values equal as data compare equal as text.
 * PostgreSQL's jsonb does not keep the key order it was given (shorter keys first), so a value read
 * back from a jsonb column cannot be compared with a fresh one by plain JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
