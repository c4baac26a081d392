/**
 * Connected components of tables under a set of relations, in a stable order.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import { groupBy } from '../../util/group-by.js';

/** Components as sorted id lists; larger components first, then by first id. Ids keep their input order inside. */
export function connectedComponents(ids: readonly string[], relations: readonly Pick<DiagramRelation, 'from' | 'to'>[]): string[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    // Path compression keeps repeated lookups near constant time on 1,000-table schemas.
    let node = id;
    while (node !== root) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const r of relations) {
    if (!parent.has(r.from) || !parent.has(r.to)) continue;
    const a = find(r.from);
    const b = find(r.to);
    // The smaller id becomes the root so the result does not depend on relation order.
    if (a !== b) {
      if (a < b) parent.set(b, a);
      else parent.set(a, b);
    }
  }
  const groups = groupBy(ids, find);
  return [...groups.values()].sort((a, b) => b.length - a.length || ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
}
