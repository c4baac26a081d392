/**
 * Relations drawn as Miro draws them (a board of subject areas): attach sides from the boxes' positions,
 * improved per frame by what the elbowed connectors cross, ends spread to at most four per attach point,
 * and the elbowed path itself as the route, so the preview shows the board's own connectors. The area
 * layout judges its placement with this same function: what it judged is what is drawn.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import type { Box, RelationRoute } from '../../model/layout.js';
import { miroElbowPath } from '../helpers/elbow-path.js';
import { simplify } from './router.js';
import { chooseSides } from './sides.js';
import { improveSides, type SideChoice } from './side-flips.js';
import { spreadAnchors } from './spread-ends.js';

export function elbowRoutes(
  relations: readonly DiagramRelation[],
  boxes: ReadonlyMap<string, Box>,
  /** The frame of an item: side flips run per frame, and once over the relations between frames. */
  groupOf: (id: string) => string,
  rowCount: (item: string) => number,
  /** Sides the area layout fixed for a relation (area-repair.ts): kept, and not flipped. */
  pinned: ReadonlyMap<string, SideChoice> = new Map(),
): RelationRoute[] {
  const sides = new Map<string, SideChoice>();
  for (const r of relations) {
    const fromBox = boxes.get(r.from);
    const toBox = boxes.get(r.to);
    if (fromBox && toBox) sides.set(r.id, pinned.get(r.id) ?? chooseSides(fromBox, toBox, r.from === r.to));
  }
  const fixed = new Set(pinned.keys());
  const byGroup = new Map<string, DiagramRelation[]>();
  for (const r of relations) {
    const group = groupOf(r.from) === groupOf(r.to) ? groupOf(r.from) : '\u0000between';
    const members = byGroup.get(group);
    if (members) members.push(r);
    else byGroup.set(group, [r]);
  }
  const initial = new Map(sides);
  for (const group of [...byGroup.keys()].sort(compare)) {
    for (const [id, choice] of improveSides(byGroup.get(group) ?? [], boxes, initial, 'elbow', fixed)) sides.set(id, choice);
  }
  const anchors = spreadAnchors(relations, sides, boxes, rowCount);
  const routes: RelationRoute[] = [];
  for (const r of relations) {
    const choice = sides.get(r.id);
    const at = anchors.get(r.id);
    if (!choice || !at) continue;
    const points = simplify(miroElbowPath({ point: at.from, side: choice.fromSide }, { point: at.to, side: choice.toSide }));
    routes.push({ id: r.id, from: r.from, to: r.to, fromAnchor: at.from, fromSide: choice.fromSide, toAnchor: at.to, toSide: choice.toSide, points });
  }
  return routes;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
