/**
 * Quality figures of a layout, as pure functions: the tests assert with them and the benchmark prints them
 * next to Graphviz's. They take plain polylines and boxes so a Graphviz layout can be measured the same way.
 */
import type { Box, Layout, Point } from '../../model/layout.js';
import type { Segment } from '../helpers/geometry.js';
import { polylineSegments, segmentBounds, segmentEntersBox, segmentsCross } from '../helpers/geometry.js';
import { SpatialIndex } from '../helpers/spatial-index.js';

/** Calls `onCrossing` with the indexes of the two polylines at each proper crossing between different ones. */
export function forEachCrossing(polylines: readonly Point[][], onCrossing: (a: number, b: number) => void): void {
  const segments: Array<{ edge: number; segment: Segment; bounds: Box }> = [];
  polylines.forEach((points, edge) => {
    for (const segment of polylineSegments(points)) segments.push({ edge, segment, bounds: segmentBounds(segment) });
  });
  // Sweep along x: only segments whose x-ranges overlap can cross.
  segments.sort((p, q) => p.bounds.x - q.bounds.x);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (!s) continue;
    const right = s.bounds.x + s.bounds.width;
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j];
      if (!t || t.bounds.x > right) break;
      if (t.edge === s.edge) continue;
      if (t.bounds.y > s.bounds.y + s.bounds.height || s.bounds.y > t.bounds.y + t.bounds.height) continue;
      if (segmentsCross(s.segment, t.segment)) onCrossing(s.edge, t.edge);
    }
  }
}

/** Proper crossings between different polylines (a pair crossing twice counts twice). */
export function countCrossings(polylines: readonly Point[][]): number {
  let crossings = 0;
  forEachCrossing(polylines, () => crossings++);
  return crossings;
}

/** Crossings between relation routes, as the preview draws them. */
export function countRouteCrossings(layout: Pick<Layout, 'relations'>): number {
  return countCrossings(layout.relations.map((r) => r.points));
}

/** Crossings between straight lines from anchor to anchor: how a Miro straight connector would be drawn. */
export function countStraightCrossings(layout: Pick<Layout, 'relations'>): number {
  return countCrossings(layout.relations.map((r) => [r.fromAnchor, r.toAnchor]));
}

/** (polyline, box) pairs where the polyline passes through the box's interior. */
export function countPolylineBoxOverlaps(polylines: readonly Point[][], boxes: readonly Box[]): number {
  const cell = Math.max(200, ...boxes.slice(0, 1).map((b) => b.width));
  const index = new SpatialIndex<number>(cell);
  boxes.forEach((box, i) => index.insert(box, i));
  let overlaps = 0;
  for (const points of polylines) {
    const hit = new Set<number>();
    for (const segment of polylineSegments(points)) {
      for (const i of index.query(segmentBounds(segment))) {
        const box = boxes[i];
        if (box && !hit.has(i) && segmentEntersBox(segment, box)) hit.add(i);
      }
    }
    overlaps += hit.size;
  }
  return overlaps;
}

/** Routes passing through a table box (their own end tables included). */
export function edgeBoxOverlaps(layout: Pick<Layout, 'relations'> & { tables: readonly Box[] }): number {
  return countPolylineBoxOverlaps(layout.relations.map((r) => r.points), layout.tables);
}

/** Straight anchor-to-anchor lines passing through a table box. */
export function straightBoxOverlaps(layout: Pick<Layout, 'relations'> & { tables: readonly Box[] }): number {
  return countPolylineBoxOverlaps(layout.relations.map((r) => [r.fromAnchor, r.toAnchor]), layout.tables);
}

/** Width over height of the canvas. */
export function aspectRatio(layout: Pick<Layout, 'width' | 'height'>): number {
  return layout.height === 0 ? 0 : layout.width / layout.height;
}

/** Pairs of boxes whose interiors overlap. */
export function countBoxOverlaps(boxes: readonly Box[]): number {
  const index = new SpatialIndex<number>(400);
  let overlaps = 0;
  boxes.forEach((box, i) => {
    for (const j of index.query(box)) {
      const other = boxes[j];
      if (other && box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height) {
        overlaps++;
      }
    }
    index.insert(box, i);
  });
  return overlaps;
}

/** Sum of route lengths, a tie-breaker when comparing layouts. */
export function totalRouteLength(polylines: readonly Point[][]): number {
  let length = 0;
  for (const points of polylines) {
    for (const { a, b } of polylineSegments(points)) length += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return length;
}
