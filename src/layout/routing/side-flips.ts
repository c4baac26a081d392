/**
 * A last pass over attach sides, for how Miro draws a connector. Each relation may attach on the left or
 * right of either box; a relation switches to the sides whose straight line between the anchors crosses
 * fewer other lines, and whose elbowed connector (as Miro draws it, metrics/board-metrics.ts) passes
 * through fewer boxes, one relation at a time, until nothing improves. Switched relations lose their ELK
 * route and are routed again by the router.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import type { Box, Point, Side } from '../../model/layout.js';
import { anchorPoint } from './anchors.js';
import { polylineSegments, segmentBounds, segmentEntersBox, segmentsCross, type Segment } from '../helpers/geometry.js';
import { miroElbowPath } from '../helpers/elbow-path.js';
import { SpatialIndex } from '../helpers/spatial-index.js';

/** Above this many relations the pass is skipped: it is quadratic, and large layouts need the time elsewhere. */
const MAX_RELATIONS = 400;
const SWEEPS = 3;
/** A line through a table box reads worse than a crossing. */
const BOX_COST = 2;
/** A connector Miro draws through a table hides the table's rows: worse still. */
const ELBOW_BOX_COST = 6;
const SIDE_PAIRS: ReadonlyArray<readonly [Side, Side]> = [
  ['right', 'left'],
  ['left', 'right'],
  ['right', 'right'],
  ['left', 'left'],
];

export interface SideChoice {
  fromSide: Side;
  toSide: Side;
}

/** Improved sides per relation id (only for relations that changed). */
export function improveSides(
  relations: readonly DiagramRelation[],
  boxes: ReadonlyMap<string, Box>,
  current: ReadonlyMap<string, SideChoice>,
  /** `elbow`: judge by Miro's elbowed connectors only (crossings and boxes), for boards drawn that way throughout. */
  judge: 'straight' | 'elbow' = 'straight',
  /** Relations whose sides stay as they are (they still count for the others). */
  fixed: ReadonlySet<string> = new Set(),
): Map<string, SideChoice> {
  const changed = new Map<string, SideChoice>();
  if (relations.length > MAX_RELATIONS) return changed;
  const index = new SpatialIndex<Box>(400);
  for (const box of boxes.values()) index.insert(box, box);
  const lines = new Map<string, [Point, Point]>();
  const sides = new Map<string, SideChoice>();
  const lineFor = (r: DiagramRelation, choice: SideChoice): [Point, Point] | null => {
    const from = boxes.get(r.from);
    const to = boxes.get(r.to);
    return from && to ? [anchorPoint(from, choice.fromSide, r.fromRow), anchorPoint(to, choice.toSide, r.toRow)] : null;
  };
  for (const r of relations) {
    const choice = current.get(r.id);
    const line = choice && lineFor(r, choice);
    if (choice && line) {
      sides.set(r.id, choice);
      lines.set(r.id, line);
    }
  }
  const elbowOf = (choice: SideChoice, line: [Point, Point]): Point[] =>
    miroElbowPath({ point: line[0], side: choice.fromSide }, { point: line[1], side: choice.toSide });
  // Each elbow with its bounding box: most pairs are far apart, and the box test skips them.
  const elbows = new Map<string, { pieces: Segment[]; bounds: Bounds }>();
  const setElbow = (id: string, path: Point[]): void => {
    elbows.set(id, { pieces: polylineSegments(path), bounds: boundsOf(path) });
  };
  if (judge === 'elbow') for (const [id, line] of lines) setElbow(id, elbowOf(sides.get(id) as SideChoice, line));
  const cost = (r: DiagramRelation, choice: SideChoice, line: [Point, Point]): number => {
    const segment = { a: line[0], b: line[1] };
    if (judge === 'elbow') return elbowCost(r, elbowOf(choice, line));
    let total = 0;
    for (const [other, otherLine] of lines) {
      if (other !== r.id && segmentsCross(segment, { a: otherLine[0], b: otherLine[1] })) total++;
    }
    for (const box of index.query(segmentBounds(segment))) if (segmentEntersBox(segment, box)) total += BOX_COST;
    // Its own two boxes count too: an elbow that turns back through its own table hides it as well.
    const hit = new Set<Box>();
    for (const piece of polylineSegments(miroElbowPath({ point: line[0], side: choice.fromSide }, { point: line[1], side: choice.toSide }))) {
      for (const box of index.query(segmentBounds(piece))) if (segmentEntersBox(piece, box)) hit.add(box);
    }
    return total + ELBOW_BOX_COST * hit.size;
  };
  const elbowCost = (r: DiagramRelation, path: Point[]): number => {
    const hit = new Set<Box>();
    let crossings = 0;
    const pieces = polylineSegments(path);
    for (const piece of pieces) {
      for (const box of index.query(segmentBounds(piece))) if (segmentEntersBox(piece, box)) hit.add(box);
    }
    const bounds = boundsOf(path);
    for (const [other, elbow] of elbows) {
      if (other === r.id || !overlaps(bounds, elbow.bounds)) continue;
      for (const q of elbow.pieces) for (const piece of pieces) if (segmentsCross(piece, q)) crossings++;
    }
    return crossings + ELBOW_BOX_COST * hit.size;
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let improved = false;
    for (const r of relations) {
      const now = sides.get(r.id);
      const nowLine = lines.get(r.id);
      if (!now || !nowLine || r.from === r.to || fixed.has(r.id)) continue;
      let best = { choice: now, line: nowLine, cost: cost(r, now, nowLine) };
      for (const [fromSide, toSide] of SIDE_PAIRS) {
        const choice = { fromSide, toSide };
        const line = lineFor(r, choice);
        if (!line || (fromSide === now.fromSide && toSide === now.toSide)) continue;
        const c = cost(r, choice, line);
        if (c < best.cost) best = { choice, line, cost: c };
      }
      if (best.choice !== now) {
        sides.set(r.id, best.choice);
        lines.set(r.id, best.line);
        if (judge === 'elbow') setElbow(r.id, elbowOf(best.choice, best.line));
        changed.set(r.id, best.choice);
        improved = true;
      }
    }
    if (!improved) break;
  }
  return changed;
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boundsOf(points: readonly Point[]): Bounds {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const p of points) {
    b.minX = Math.min(b.minX, p.x);
    b.minY = Math.min(b.minY, p.y);
    b.maxX = Math.max(b.maxX, p.x);
    b.maxY = Math.max(b.maxY, p.y);
  }
  return b;
}

/** Closed overlap: paths that only touch can still cross at a shared bend. */
function overlaps(a: Bounds, b: Bounds): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}
