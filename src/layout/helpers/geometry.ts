/**
 * Plane geometry shared by the router and the quality metrics: segments, boxes, and their intersections.
 */
import type { Box, Point } from '../../model/layout.js';

export interface Segment {
  a: Point;
  b: Point;
}

/** Consecutive point pairs of a polyline, skipping zero-length pieces. */
export function polylineSegments(points: readonly Point[]): Segment[] {
  const segments: Segment[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b && (a.x !== b.x || a.y !== b.y)) segments.push({ a, b });
  }
  return segments;
}

function orientation(p: Point, q: Point, r: Point): number {
  const value = (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  return Math.abs(value) < 1e-9 ? 0 : value > 0 ? 1 : -1;
}

/**
 * True when the segments cross at a single point inside both (a proper crossing). Touching at an end,
 * or running along each other, is not a crossing: that is how edges meet at a shared port.
 */
export function segmentsCross(s: Segment, t: Segment): boolean {
  const o1 = orientation(s.a, s.b, t.a);
  const o2 = orientation(s.a, s.b, t.b);
  const o3 = orientation(t.a, t.b, s.a);
  const o4 = orientation(t.a, t.b, s.b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** True when the segment passes through the open interior of the box (touching its border does not count). */
export function segmentEntersBox(s: Segment, box: Box, inset = 0.5): boolean {
  const minX = box.x + inset;
  const maxX = box.x + box.width - inset;
  const minY = box.y + inset;
  const maxY = box.y + box.height - inset;
  if (minX >= maxX || minY >= maxY) return false;
  // Liang-Barsky clipping against the shrunken box.
  let t0 = 0;
  let t1 = 1;
  const dx = s.b.x - s.a.x;
  const dy = s.b.y - s.a.y;
  const checks: Array<[number, number]> = [
    [-dx, s.a.x - minX],
    [dx, maxX - s.a.x],
    [-dy, s.a.y - minY],
    [dy, maxY - s.a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) {
        if (r > t1) return false;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return false;
        if (r < t1) t1 = r;
      }
    }
  }
  return t1 - t0 > 1e-9;
}

export function segmentBounds(s: Segment): Box {
  const x = Math.min(s.a.x, s.b.x);
  const y = Math.min(s.a.y, s.b.y);
  return { x, y, width: Math.abs(s.a.x - s.b.x), height: Math.abs(s.a.y - s.b.y) };
}
