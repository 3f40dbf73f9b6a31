import type { FormInstance } from 'antd';
import { fieldMessage, isApiError } from '../api/problem';

/** "items[3].percent" → ['items', 3, 'percent'], the name path antd's Form uses. */
export function namePath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Marks each field the service named in `errors[]` on the form, so the clerk sees the problem where it
 * is (the alert above the form lists them all as well). `known` names the form's top-level fields:
 * errors about anything else (a version, a state) stay in the alert only.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, known: readonly string[], rename: Record<string, string> = {}): void {
  if (!isApiError(error)) return;
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of error.fieldErrors) {
    if (!f.field) continue;
    const name = namePath(rename[f.field] ?? f.field);
    if (!known.includes(String(name[0]))) continue;
    const key = JSON.stringify(name);
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldMessage(f.message));
    byName.set(key, entry);
  }
  if (byName.size) form.setFields([...byName.values()].map((e) => ({ name: e.name as never, errors: e.errors })));
}
