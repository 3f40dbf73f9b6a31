import type { ParsedRow } from './row-parser.js';
import type { DirectoryUnit } from './unit-directory.js';
import { guessKind, type ParentRelation, type UnitKindName } from './unit-kind.js';
import { levelOfPlace, nameParts, type Level, type NameParts } from './unit-name-parts.js';
import type { UnitMention } from './unit-splitter.js';

/** The plan's jurisdiction, when the caller knows it. */
export interface Jurisdiction {
  id?: string;
  name: string;
  kind: string;
}

/** What the office is proposed to do with one unknown name. */
export interface UnitProposal {
  /** The name as the unit would be created (a carried prefix applied: 「区工信局」). */
  name: string;
  /** Every spelling printed in the file. */
  texts: string[];
  /** Lines where it occurs. */
  occurrences: number[];
  /** alias: the same body as a directory unit; create: a new unit; choose: several directory units fit; not_unit: not a body at all. */
  action: 'alias' | 'create' | 'choose' | 'not_unit';
  aliasOf?: { id: string; name: string };
  candidates?: { id: string; name: string }[];
  kind?: UnitKindName;
  memberKind?: UnitKindName;
  parent?: { relation: ParentRelation; name: string | null; id?: string };
  evidence: string[];
}

const LEVEL_OF_KIND: Record<string, Level> = { province: 'province', city: 'city', county: 'county', town: 'town' };
const LEVELS: Level[] = ['province', 'city', 'county', 'town'];

/** The jurisdiction's level: from the caller, else the prefix most of its departments carry, else the file's names. */
function jurisdictionLevel(jurisdiction: Jurisdiction | undefined, directory: DirectoryUnit[], names: string[]): Level | null {
  if (jurisdiction) return LEVEL_OF_KIND[jurisdiction.kind] ?? levelOfPlace(jurisdiction.name);
  const counts = new Map<Level, number>();
  for (const n of [...directory.filter((u) => u.kind === 'department').map((u) => u.name), ...names]) {
    const level = nameParts(n, []).find((p) => p.level && !p.place)?.level;
    if (level) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function knownPlaces(jurisdiction: Jurisdiction | undefined, directory: DirectoryUnit[]): string[] {
  const places = directory.filter((u) => ['province', 'city', 'county', 'town'].includes(u.kind)).map((u) => u.name);
  return jurisdiction ? [jurisdiction.name, ...places] : places;
}

interface Reading {
  unit: DirectoryUnit;
  parts: NameParts;
}

/** Whether an unknown reading and a directory reading name the same body at the same level; the note says why. */
function sameBody(u: NameParts, d: NameParts, own: Level | null, jurisdictionName: string | undefined): { note?: string } | undefined {
  if (u.core !== d.core || u.party !== d.party) return undefined;
  // Another place's name (「石嘴山市财政局」) never binds to a local unit.
  if (u.place && !u.knownPlace) return undefined;
  if ((u.level ?? own) !== (d.level ?? own)) return undefined;
  if (u.place && d.place && u.place !== d.place) return undefined;
  if (u.place && !d.place && u.place !== jurisdictionName) return undefined;
  if (u.place && u.place === jurisdictionName) return { note: `「${u.place}」即本方案所属地区` };
  if (!u.level && d.level) return { note: '省略了本级前缀' };
  return {};
}

function aliasFor(name: string, readings: Reading[], places: string[], own: Level | null, jurisdiction?: Jurisdiction) {
  const matches = new Map<string, { unit: DirectoryUnit; evidence: string[] }>();
  for (const u of nameParts(name, places)) {
    for (const r of readings) {
      if (matches.has(r.unit.id)) continue;
      const same = sameBody(u, r.parts, own, jurisdiction?.name);
      if (!same) continue;
      const folded = [...new Set([...u.folded, ...r.parts.folded])].map((f) => `简称规则：${f}`);
      matches.set(r.unit.id, { unit: r.unit, evidence: [`与「${r.unit.name}」指同一机构`, ...folded, ...(same.note ? [same.note] : [])] });
    }
  }
  return [...matches.values()];
}

function occurrences(rows: ParsedRow[]): Map<string, { texts: Set<string>; lines: Set<number>; mention: UnitMention }> {
  const out = new Map<string, { texts: Set<string>; lines: Set<number>; mention: UnitMention }>();
  for (const row of rows) {
    for (const m of [...row.leads, ...row.supporting]) {
      if (m.resolution.status !== 'unknown') continue;
      const entry = out.get(m.name) ?? { texts: new Set(), lines: new Set(), mention: m };
      entry.texts.add(m.text);
      entry.lines.add(row.line);
      out.set(m.name, entry);
    }
  }
  return out;
}

/**
 * For each unknown name: an alias of a directory unit (the directory is the plan's jurisdiction and
 * its superiors; the same body at the same level, spelled otherwise, with the abbreviation rule as
 * evidence), a choice between several, a new unit with kind and parent guessed from the name, or
 * not a unit at all. A name with another place's name (「石嘴山市财政局」) never becomes an alias.
 */
export function proposeUnits(rows: ParsedRow[], directory: DirectoryUnit[], jurisdiction?: Jurisdiction): UnitProposal[] {
  const unknown = occurrences(rows);
  const places = knownPlaces(jurisdiction, directory);
  const own = jurisdictionLevel(jurisdiction, directory, [...unknown.keys()]);
  const readings: Reading[] = directory.flatMap((unit) => [unit.name, ...unit.aliases].flatMap((n) => nameParts(n, places).map((parts) => ({ unit, parts }))));
  const superior = own ? directory.find((u) => u.kind === LEVELS[LEVELS.indexOf(own) - 1]) : undefined;
  const proposals: UnitProposal[] = [];
  for (const [name, { texts, lines, mention }] of unknown) {
    const base = { name, texts: [...texts], occurrences: [...lines].sort((a, b) => a - b) };
    if (mention.resolution.status === 'unknown' && mention.resolution.reason === 'ambiguous') {
      const candidates = directory.filter((u) => mention.resolution.status === 'unknown' && mention.resolution.candidates?.includes(u.name)).map((u) => ({ id: u.id, name: u.name }));
      proposals.push({ ...base, action: 'choose', candidates, evidence: ['名称同时是多个单位的简称，请选择'] });
      continue;
    }
    const aliases = aliasFor(name, readings, places, own, jurisdiction);
    if (aliases.length === 1) {
      proposals.push({ ...base, action: 'alias', aliasOf: { id: aliases[0].unit.id, name: aliases[0].unit.name }, evidence: aliases[0].evidence });
      continue;
    }
    if (aliases.length > 1) {
      proposals.push({ ...base, action: 'choose', candidates: aliases.map((a) => ({ id: a.unit.id, name: a.unit.name })), evidence: ['与多个已有单位同名（简称规则），请选择'] });
      continue;
    }
    const foreign = nameParts(name, places).find((p) => p.place && !p.knownPlace);
    const guess = guessKind(name, own, Boolean(mention.parent));
    if (!guess.kind) {
      proposals.push({ ...base, action: 'not_unit', evidence: [guess.evidence] });
      continue;
    }
    const parentName =
      guess.parent === 'department' ? (mention.parent ?? null) : guess.parent === 'jurisdiction' ? (jurisdiction?.name ?? null) : guess.parent === 'superior' ? (superior?.name ?? null) : null;
    const parentId = guess.parent === 'jurisdiction' ? jurisdiction?.id : guess.parent === 'superior' ? superior?.id : directory.find((u) => u.name === parentName)?.id;
    proposals.push({
      ...base,
      action: 'create',
      kind: guess.kind,
      ...(guess.memberKind ? { memberKind: guess.memberKind } : {}),
      parent: { relation: foreign ? 'unknown' : guess.parent, name: foreign ? null : parentName, ...(parentId && !foreign ? { id: parentId } : {}) },
      evidence: [guess.evidence, ...(foreign ? [`名称含其他地区「${foreign.place}」：不会对应到本地单位，请确认是否应导入`] : [])],
    });
  }
  return proposals;
}

/**
 * Warns when most names carry a superior's prefix (「省…」 in a city plan) or another place's
 * name: the list is probably another jurisdiction's, and its 「市财政局」 is not this city's.
 */
export function foreignListWarning(rows: ParsedRow[], directory: DirectoryUnit[], jurisdiction?: Jurisdiction): { message: string; examples: string[] } | undefined {
  const names = [...new Set(rows.flatMap((r) => [...r.leads, ...r.supporting].map((m) => m.name)))];
  if (names.length < 3) return undefined;
  const places = knownPlaces(jurisdiction, directory);
  const own = jurisdictionLevel(jurisdiction, directory, names);
  if (!own) return undefined;
  const outside = names.filter((n) => {
    const parts = nameParts(n, places)[0];
    if (parts.place && !parts.knownPlace) return true;
    return parts.level !== null && !parts.place && LEVELS.indexOf(parts.level) < LEVELS.indexOf(own);
  });
  if (outside.length / names.length <= 0.5) return undefined;
  return {
    message: `名单中 ${names.length} 个单位有 ${outside.length} 个带上级前缀或其他地区名称（如「${outside.slice(0, 3).join('」「')}」），像是其他地区或上级的分工表：请确认导入的方案是否正确，这些名称不会自动对应到本地单位`,
    examples: outside.slice(0, 5),
  };
}
