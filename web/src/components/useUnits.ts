import { api } from '../api/client';
import type { Unit } from '../api/views';
import { useLoad } from '../app/useLoad';

let cache: Promise<Unit[]> | null = null;

/** Every unit (a city has a few dozen, a province a few hundred): for pickers and names. */
export function loadUnits(fresh = false): Promise<Unit[]> {
  if (fresh || !cache) {
    cache = (async () => {
      const all: Unit[] = [];
      for (let page = 1; ; page++) {
        const res = await api.get('/api/v1/units', { params: { query: { page, pageSize: 200 } } });
        all.push(...res.items);
        if (all.length >= res.total || res.items.length === 0) return all;
      }
    })();
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

export function useUnits(enabled = true) {
  return useLoad(() => loadUnits(), [], enabled);
}

export const unitOptions = (units: Unit[] | undefined, filter: (u: Unit) => boolean = () => true) =>
  (units ?? [])
    .filter(filter)
    .map((u) => ({ value: u.id, label: u.name, aliases: u.aliases.join(' ') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh'));

/** Select's search: by name or alias (市发改委 = 发改委 = 银川市发展和改革委员会). */
export const filterUnitOption = (input: string, option?: { label: string; aliases: string }) =>
  !!option && (option.label.includes(input) || option.aliases.includes(input));
