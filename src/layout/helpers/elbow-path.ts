/**
 * The path Miro draws for an elbowed connector: it takes no waypoints, it leaves each attach point
 * perpendicular to its side for a short stub, then bends one to three times, ignoring every other item.
 * The board metrics measure with it and the side choice avoids what it would cross.
 */
import type { Point, Side } from '../../model/layout.js';

/** Miro's straight piece out of an attach point before the first bend. */
export const MIRO_STUB = 20;

export interface DrawnEnd {
  point: Point;
  side: Side;
}

const DIRECTION: Record<Side, Point> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 } };

/** The elbowed path Miro draws between two attach points, each left perpendicular to its side. */
export function miroElbowPath(from: DrawnEnd, to: DrawnEnd): Point[] {
  const horizontal = (side: Side): boolean => side === 'left' || side === 'right';
  if (!horizontal(from.side) && !horizontal(to.side)) {
    // The vertical case is the horizontal one with the axes swapped.
    const swap = (p: Point): Point => ({ x: p.y, y: p.x });
    const turn = (s: Side): Side => (s === 'top' ? 'left' : s === 'bottom' ? 'right' : s === 'left' ? 'top' : 'bottom');
    return miroElbowPath({ point: swap(from.point), side: turn(from.side) }, { point: swap(to.point), side: turn(to.side) }).map(swap);
  }
  const a = from.point;
  const b = to.point;
  const da = DIRECTION[from.side];
  const db = DIRECTION[to.side];
  const a1 = { x: a.x + da.x * MIRO_STUB, y: a.y + da.y * MIRO_STUB };
  const b1 = { x: b.x + db.x * MIRO_STUB, y: b.y + db.y * MIRO_STUB };
  if (horizontal(from.side) && horizontal(to.side)) {
    if (da.x === db.x) {
      // Both ends leave the same way: out past the further one, along, and back.
      const x = da.x > 0 ? Math.max(a1.x, b1.x) : Math.min(a1.x, b1.x);
      return [a, { x, y: a.y }, { x, y: b.y }, b];
    }
    // Facing ends: a vertical piece half way between them.
    if ((b1.x - a1.x) * da.x >= 0) {
      const x = (a.x + b.x) / 2;
      return [a, { x, y: a.y }, { x, y: b.y }, b];
    }
    // Ends facing away from each other: out, across half way, out of the other end.
    const y = (a.y + b.y) / 2;
    return [a, a1, { x: a1.x, y }, { x: b1.x, y }, b1, b];
  }
  // One horizontal end, one vertical: one bend where their lines meet, or out by the stubs first.
  const [h, v] = horizontal(from.side) ? [a, b] : [b, a];
  const [dh, dv] = horizontal(from.side) ? [da, db] : [db, da];
  const corner = { x: v.x, y: h.y };
  const ahead = (corner.x - h.x) * dh.x >= 0 && (corner.y - v.y) * dv.y >= 0;
  const path = ahead
    ? [h, corner, v]
    : [h, { x: h.x + dh.x * MIRO_STUB, y: h.y }, { x: h.x + dh.x * MIRO_STUB, y: v.y + dv.y * MIRO_STUB }, { x: v.x, y: v.y + dv.y * MIRO_STUB }, v];
  return horizontal(from.side) ? path : path.reverse();
}

