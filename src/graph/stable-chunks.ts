/**
 * Cuts a list of units (tables, or small groups kept together) into runs of at most `budget` rows where
 * the units themselves say: a run ends after a unit whose first id hashes to a cut mark (about one unit in
 * CUT_EVERY), or where the next unit would overflow the budget. Since a cut mark depends on its own id
 * only, a unit added to or dropped from the list changes the run it falls in (up to the next mark), never
 * the others, as content-defined chunking does.
 */
import { fnv1a } from '../util/hash.js';

/** About one unit in this many ends a run (the budget ends longer ones): picked by bench:layout. */
const CUT_EVERY = 8;

export function stableChunks(units: ReadonlyArray<readonly string[]>, weight: ReadonlyMap<string, number>, budget: number): string[][] {
  const runs: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const unit of units) {
    const w = unit.reduce((sum, id) => sum + (weight.get(id) ?? 0), 0);
    if (current.length > 0 && used + w > budget) {
      runs.push(current);
      current = [];
      used = 0;
    }
    current.push(...unit);
    used += w;
    if (fnv1a(unit[0] ?? '') % CUT_EVERY === 0) {
      runs.push(current);
      current = [];
      used = 0;
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
