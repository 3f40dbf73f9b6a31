import type { TextResponsibility } from './responsibility-text.js';
import type { UnitDirectory } from './unit-directory.js';
import { isCollectiveName, type ReadingNote } from './unit-names.js';
import { readUnitList, type UnitMention } from './unit-splitter.js';

/** What a row's unit lists say, once roles are assigned. */
export interface Responsibility {
  leads: UnitMention[];
  supporting: UnitMention[];
  vague: string[];
  /** Fragments of text found in the lists, reported and not made into units. */
  notUnits: string[];
  /** Reading notes found in this row's lists. */
  notes: ReadingNote[];
}

/** A note that said 「以下同」 holds for the rows after it; this carries it from row to row. */
export interface ReadingState {
  note?: ReadingNote;
}

type Lists = Pick<TextResponsibility, 'lead' | 'responsible' | 'supporting' | 'divisions'>;

const isCollective = (m: UnitMention) => m.resolution.status === 'collective' || isCollectiveName(m.name);

/**
 * Splits an undifferentiated 责任单位 list into leads and supporting units: the first listed leads
 * (the plans' own convention, and what the Yinchuan body and table agree on in all 43 items), unless
 * a note says the order means nothing (all lead) or names a mark for leads. A list made only of
 * collectives (「各县(市)区人民政府、园区管委会」) has no principal: each member leads in its own area.
 */
function splitResponsible(listed: UnitMention[], note: ReadingNote | undefined): [UnitMention[], UnitMention[]] {
  if (listed.length === 0) return [[], []];
  if (note?.mode === 'unordered' || listed.every(isCollective)) return [listed, []];
  if (note?.mode === 'marked-leads' && listed.some((m) => m.marked)) {
    return [listed.filter((m) => m.marked), listed.filter((m) => !m.marked)];
  }
  return [listed.slice(0, 1), listed.slice(1)];
}

/** Reads the lists of one row (cells or a clause) into roles. A unit named twice keeps its first role. */
export function assignRoles(lists: Lists, directory: UnitDirectory, state: ReadingState): Responsibility {
  const lead = readUnitList(lists.lead, directory);
  const responsible = readUnitList(lists.responsible, directory);
  const supporting = readUnitList(lists.supporting, directory);
  const divisions = readUnitList(lists.divisions, directory);
  const notes = [lead, responsible, supporting, divisions].flatMap((l) => l.notes);
  const note = notes.at(-1) ?? state.note;
  const persisting = notes.filter((n) => n.persists).at(-1);
  if (persisting) state.note = persisting;

  let leads = lead.mentions;
  let support = supporting.mentions;
  if (responsible.mentions.length > 0) {
    if (leads.length > 0) support = [...responsible.mentions, ...support];
    else {
      const [l, s] = splitResponsible(responsible.mentions, note);
      leads = l;
      support = [...s, ...support];
    }
  }
  if (divisions.mentions.length > 0) {
    // 责任处室 are the lead department's own divisions; with no department named they are the units themselves.
    const parent = leads[0]?.name;
    if (parent) support = [...support, ...divisions.mentions.map((m) => ({ ...m, parent }))];
    else {
      const [l, s] = splitResponsible(divisions.mentions, note);
      leads = l;
      support = [...s, ...support];
    }
  }
  const seen = new Set<string>();
  const dedupe = (list: UnitMention[]) =>
    list.filter((m) => {
      const key = m.resolution.status === 'unknown' ? `?${m.parent ?? ''}/${m.name}` : m.resolution.unit.id;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return {
    leads: dedupe(leads),
    supporting: dedupe(support),
    vague: [lead, responsible, supporting, divisions].flatMap((l) => l.vague),
    notUnits: [lead, responsible, supporting, divisions].flatMap((l) => l.notUnits),
    notes,
  };
}
