/**
 * Junction tables (a table that references others but is referenced by none: `invoice_line`,
 * `playlist_track`) read best between the tables they join. In a layered pass every relation flows one way,
 * so a junction ends up before all its targets with its rows' order fixed on one side, and two targets in
 * the reverse of row order cross there. Reversing one of its relations for the layered pass puts that target
 * before the junction instead, attached on the junction's other side, and removes such crossings.
 */
import type { DiagramRelation } from '../../model/diagram.js';

/** Which of a junction's relations flows backwards: the one at its first row, or at its last. */
export type JunctionEnd = 'first' | 'last';

/** Ids of the relations to reverse, one per junction table among `relations`. */
export function junctionReversals(relations: readonly DiagramRelation[], end: JunctionEnd): Set<string> {
  const referenced = new Set<string>();
  const outgoing = new Map<string, DiagramRelation[]>();
  for (const r of relations) {
    if (r.from === r.to) continue;
    referenced.add(r.to);
    const list = outgoing.get(r.from);
    if (list) list.push(r);
    else outgoing.set(r.from, [r]);
  }
  const reversed = new Set<string>();
  for (const [table, list] of outgoing) {
    if (referenced.has(table) || new Set(list.map((r) => r.to)).size < 2) continue;
    // Header-attached relations (row null) count as above every row.
    const sorted = [...list].sort((a, b) => (a.fromRow ?? -1) - (b.fromRow ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const chosen = end === 'first' ? sorted[0] : sorted[sorted.length - 1];
    if (chosen) reversed.add(chosen.id);
  }
  return reversed;
}

/**
 * Pendant tables (referenced by one relation, referencing nothing else forwards) end a chain: in a layered
 * pass each takes a layer of its own past everything it hangs from, and a chain of them makes the drawing
 * wider than a screen. Reversing their relations, again up the chain while the table above becomes
 * pendant in turn, folds them back beside the table they hang from. Ids of the relations to reverse.
 */
export function pendantReversals(relations: readonly DiagramRelation[]): Set<string> {
  const reversed = new Set<string>();
  const links = relations.filter((r) => r.from !== r.to);
  for (let changed = true; changed; ) {
    changed = false;
    const incoming = new Map<string, DiagramRelation[]>();
    const forward = new Set<string>();
    for (const r of links) {
      if (reversed.has(r.id)) continue;
      incoming.set(r.to, [...(incoming.get(r.to) ?? []), r]);
      forward.add(r.from);
    }
    for (const [table, list] of [...incoming].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const only = list[0];
      if (list.length !== 1 || !only || forward.has(table)) continue;
      reversed.add(only.id);
      changed = true;
    }
  }
  return reversed;
}
