import type { Tx } from '../prisma/prisma.service.js';
import { type SchemeDefinition, toScoringScheme } from './scheme-rules.js';
import { gradeAndRank, scoreSheet } from './scoring.js';

interface ScoreInputs {
  criterionKey: string;
  computed: number | null;
  evaluatorScore: number | null;
  adjustedScore: number | null;
  vetoTriggered: boolean | null;
  adjustedVeto: boolean | null;
}

/** What counts for a criterion: the office's adjustment over the evaluator's score over the data. */
export function effectiveInputs(def: SchemeDefinition, scores: ScoreInputs[]) {
  const byKey = new Map(scores.map((s) => [s.criterionKey, s]));
  const points: Record<string, number> = {};
  const vetoes: string[] = [];
  for (const c of def.criteria) {
    const s = byKey.get(c.key);
    if (!s) continue;
    if (c.type === 'veto') {
      if (s.adjustedVeto ?? s.vetoTriggered ?? false) vetoes.push(c.key);
    } else points[c.key] = s.adjustedScore ?? (c.type === 'judged' ? s.evaluatorScore : s.computed) ?? 0;
  }
  return { points, vetoes };
}

/**
 * Rescores every sheet of a round from its stored inputs (ranks and the 优秀 share depend on all units),
 * in two set-based statements. Runs in the transaction of the write that changed an input.
 */
export async function recomputeRound(tx: Tx, roundId: string): Promise<void> {
  const round = await tx.assessmentRound.findUniqueOrThrow({ where: { id: roundId } });
  const def = round.definition as unknown as SchemeDefinition;
  const scheme = toScoringScheme(def);
  const sheets = await tx.assessmentSheet.findMany({ where: { roundId }, include: { scores: true } });
  const results = sheets.map((sh) => {
    const { points, vetoes } = effectiveInputs(def, sh.scores);
    return { sheet: sh, result: scoreSheet(scheme, points, vetoes) };
  });
  const ranked = new Map(gradeAndRank(scheme, results.map((r) => ({ unitId: r.sheet.id, total: r.result.total, vetoed: r.result.vetoed }))).map((g) => [g.unitId, g]));
  const sheetRows = results.map(({ sheet, result }) => {
    const g = ranked.get(sheet.id)!;
    return { id: sheet.id, total: result.total, parts: result.parts, grade: g.grade, rank: g.rank, vetoed: result.vetoed, limited: g.limitedByShare };
  });
  const scoreRows = results.flatMap(({ sheet, result }) =>
    sheet.scores.map((s) => ({ id: s.id, points: result.criteria.find((c) => c.key === s.criterionKey)?.points ?? 0 })),
  );
  await tx.$executeRaw`
    UPDATE assessment_sheets t SET total = x.total, parts = x.parts, grade = x.grade, rank = x.rank, vetoed = x.vetoed, limited_by_share = x.limited, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(sheetRows)}::jsonb) AS x(id uuid, total float8, parts jsonb, grade text, rank int, vetoed boolean, limited boolean)
     WHERE t.id = x.id`;
  await tx.$executeRaw`
    UPDATE assessment_scores t SET points = x.points, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(scoreRows)}::jsonb) AS x(id uuid, points float8)
     WHERE t.id = x.id`;
}

/** The results as canonical JSON (fixed key and row order): what is frozen, hashed and exported. */
export async function roundResults(tx: Tx, roundId: string) {
  const round = await tx.assessmentRound.findUniqueOrThrow({ where: { id: roundId } });
  const sheets = await tx.assessmentSheet.findMany({
    where: { roundId },
    include: { unit: { select: { name: true } }, scores: { orderBy: { criterionKey: 'asc' } } },
    orderBy: [{ rank: 'asc' }, { unitId: 'asc' }],
  });
  return {
    roundId,
    year: round.year,
    sheets: sheets.map((s) => ({
      unitId: s.unitId,
      unitName: s.unit.name,
      total: s.total,
      grade: s.grade,
      rank: s.rank,
      vetoed: s.vetoed,
      parts: s.parts,
      criteria: s.scores.map((c) => ({ key: c.criterionKey, points: c.points, veto: c.adjustedVeto ?? c.vetoTriggered ?? null })),
    })),
  };
}
