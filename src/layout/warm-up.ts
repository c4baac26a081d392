/**
 * ELK is JavaScript compiled from Java, and its first layouts in a process run cold: pagila's 15 tables
 * take 0.67 s in a fresh process and 0.2 s once warm. While `--sql` loads the schema, the embedded
 * PostgreSQL works in its own thread and the main thread waits; laying out a small made-up component there
 * (a tree, a junction table, a pendant chain: the shapes whose candidates the component layout tries) lets
 * the real layout start warm. Its result is thrown away.
 */
import type { DiagramRelation } from '../model/diagram.js';
import { layoutComponent } from './placement/component-layout.js';

const EDGES: readonly (readonly [number, number])[] = [
  [1, 0], [2, 0], [3, 1], [4, 1], [5, 2], [6, 5], [7, 6], [8, 3], [8, 4], [9, 0], [10, 9], [11, 9], [11, 2],
];

export async function warmUpLayout(): Promise<void> {
  const tables = Array.from({ length: 12 }, (_, i) => ({ id: `warm.t${i}`, width: 240, height: 110 + 22 * (i % 4) }));
  const relations: DiagramRelation[] = EDGES.map(([from, to], k) => ({
    id: `warm.r${k}`,
    kind: 'foreign_key',
    from: `warm.t${from}`,
    to: `warm.t${to}`,
    fromColumns: ['ref_id'],
    toColumns: ['id'],
    fromEnd: 'zero_or_many',
    toEnd: 'exactly_one',
    fromRow: 1,
    toRow: 0,
  }));
  await layoutComponent(tables, relations, 'right');
}
