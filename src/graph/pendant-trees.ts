/**
 * Pendant trees: the tables that hang off the rest of the relation graph by one relation each (a table
 * related to one other table, a chain of them, a small tree). Peeling them off, again and again, leaves the
 * graph's 2-core, which a table added or dropped at the edge of the graph (a new table referencing one
 * table, the usual one-table migration) does not change: subject areas are cut from the core, so such a
 * table changes nothing but the area it hangs from.
 */
import { compareStrings } from '../util/compare.js';

export interface PendantForest {
  /** Tables of the 2-core, sorted. */
  core: string[];
  /** Each peeled table's group: the core table its tree hangs from, or (a tree with no core) the tree's last peeled table. */
  anchorOf: Map<string, string>;
}

/** Peels `ids` down to the 2-core of the undirected graph of `edges` (pairs, self-loops ignored). */
export function pendantForest(ids: readonly string[], edges: ReadonlyArray<readonly [string, string]>): PendantForest {
  const neighbours = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const [a, b] of edges) {
    if (a === b || !neighbours.has(a) || !neighbours.has(b)) continue;
    neighbours.get(a)?.add(b);
    neighbours.get(b)?.add(a);
  }
  const degree = new Map([...neighbours].map(([id, set]) => [id, set.size]));
  const peeled = new Set<string>();
  const parent = new Map<string, string>();
  // The 2-core does not depend on the peeling order; the id order only fixes which table ends a tree.
  const queue = [...ids].filter((id) => (degree.get(id) ?? 0) <= 1).sort(compareStrings);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    if (peeled.has(id)) continue;
    peeled.add(id);
    for (const n of neighbours.get(id) ?? []) {
      if (peeled.has(n)) continue;
      parent.set(id, n);
      const d = (degree.get(n) ?? 0) - 1;
      degree.set(n, d);
      if (d === 1) queue.push(n);
    }
  }
  const anchorOf = new Map<string, string>();
  const anchor = (id: string): string => {
    const known = anchorOf.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const found = up === undefined || !peeled.has(up) ? (up ?? id) : anchor(up);
    anchorOf.set(id, found);
    return found;
  };
  for (const id of peeled) anchor(id);
  return { core: ids.filter((id) => !peeled.has(id)).sort(compareStrings), anchorOf };
}
