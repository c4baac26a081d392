/**
 * The left-to-right order of schema frames when they stand in one row: the schema with the most relations
 * to other schemas in the middle, the others alternating to its left and right by how much they relate to
 * it, so relations between schemas cross as few frames as possible.
 */
import type { DiagramRelation } from '../../model/diagram.js';

/** Up to this many schemas stand in one row; more are shelf-packed. */
export const MAX_FRAMES_IN_ROW = 4;

/** Indexes into `schemas`, in row order. */
export function frameRowOrder(schemas: readonly string[], relations: readonly DiagramRelation[], schemaOf: ReadonlyMap<string, string>): number[] {
  const index = new Map(schemas.map((s, i) => [s, i]));
  const links = schemas.map(() => schemas.map(() => 0));
  for (const r of relations) {
    const a = index.get(schemaOf.get(r.from) ?? '');
    const b = index.get(schemaOf.get(r.to) ?? '');
    if (a === undefined || b === undefined || a === b) continue;
    const rowA = links[a];
    const rowB = links[b];
    if (rowA) rowA[b] = (rowA[b] ?? 0) + 1;
    if (rowB) rowB[a] = (rowB[a] ?? 0) + 1;
  }
  const total = (i: number): number => (links[i] ?? []).reduce((sum, n) => sum + n, 0);
  const byTotal = schemas.map((_, i) => i).sort((a, b) => total(b) - total(a) || a - b);
  const centre = byTotal[0] ?? 0;
  const others = byTotal.slice(1).sort((a, b) => (links[centre]?.[b] ?? 0) - (links[centre]?.[a] ?? 0) || a - b);
  const row = [centre];
  others.forEach((i, k) => (k % 2 === 0 ? row.unshift(i) : row.push(i)));
  return row;
}
