import { matchKey } from './text.js';

export interface DirectoryUnit {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  /** For collectives: the member units they fan out to under the plan's jurisdiction. */
  members?: { id: string; name: string }[];
}

export type Resolution =
  | { status: 'matched' | 'collective'; unit: DirectoryUnit }
  | { status: 'unknown'; reason: 'not_found' | 'ambiguous'; candidates?: string[] };

/**
 * Name and alias lookup over the units of one jurisdiction. An alias shared by two units
 * (发改委 of the city and of a district) is ambiguous and never guessed.
 */
export class UnitDirectory {
  private readonly byKey = new Map<string, DirectoryUnit[]>();
  /** Longest keys first, for splitting cells with a missing separator. */
  readonly keysByLength: string[];
  private readonly byFirstChar = new Map<string, string[]>();

  private readonly excluded: Set<string>;

  /** `excluded`: names the office marked as no unit at all; they are set aside like text, never proposed. */
  constructor(
    readonly units: DirectoryUnit[],
    excluded: string[] = [],
  ) {
    this.excluded = new Set(excluded.map(matchKey));
    for (const unit of units) {
      for (const n of new Set([unit.name, ...unit.aliases].map(matchKey))) {
        if (!n) continue;
        const list = this.byKey.get(n) ?? [];
        if (!list.some((u) => u.id === unit.id)) list.push(unit);
        this.byKey.set(n, list);
      }
    }
    this.keysByLength = [...this.byKey.keys()].sort((a, b) => b.length - a.length);
    for (const key of this.keysByLength) {
      const list = this.byFirstChar.get(key[0]) ?? [];
      list.push(key);
      this.byFirstChar.set(key[0], list);
    }
  }

  /** Known keys starting with a character, longest first: what a missing separator is repaired from without scanning every name. */
  keysStartingWith(ch: string): string[] {
    return this.byFirstChar.get(ch) ?? [];
  }

  resolve(name: string): Resolution {
    const found = this.byKey.get(matchKey(name));
    if (!found) return { status: 'unknown', reason: 'not_found' };
    // The exact name wins over an alias another unit shares.
    const exact = found.filter((u) => matchKey(u.name) === matchKey(name));
    const pick = exact.length === 1 ? exact : found;
    if (pick.length > 1) return { status: 'unknown', reason: 'ambiguous', candidates: pick.map((u) => u.name) };
    const unit = pick[0];
    return { status: unit.kind === 'collective' ? 'collective' : 'matched', unit };
  }

  isExcluded(name: string): boolean {
    return this.excluded.has(matchKey(name));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }
}
