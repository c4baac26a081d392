/**
 * Crow's-foot end glyphs as plain geometry, oriented along the last segment of a route. Shapes follow
 * Miro's ERD connector caps (`erd_only_one`: two bars; `erd_zero_or_one`: a bar and a circle;
 * `erd_zero_or_many`: a crow's foot and a circle) so the preview reads like the board.
 */
import type { Point } from '../model/layout.js';
import type { EndMarker } from '../model/scene.js';

export interface Glyph {
  /** Open polylines to stroke. */
  lines: Point[][];
  /** Circles to draw filled with the background and stroked. */
  circles: { center: Point; radius: number }[];
}

/** How far back from the box edge the crow's foot converges. */
const FOOT_LENGTH = 14;
/** Half the spread of the crow's foot and half the length of a bar. */
const HALF_SPREAD = 7;
const BAR_DISTANCE = 9;
/** The second bar of "exactly one". */
const SECOND_BAR_DISTANCE = 14;
const CIRCLE_DISTANCE = 19;
/** The circle of "zero or many", beyond the heel of the foot. */
const FOOT_CIRCLE_DISTANCE = FOOT_LENGTH + 7;
const CIRCLE_RADIUS = 4.5;

/**
 * The glyph for `marker` at `tip` (the point on the box edge), with `direction` the unit vector along
 * which the route arrives at the tip (pointing into the box).
 */
export function endGlyph(marker: EndMarker, tip: Point, direction: Point): Glyph {
  const back = (distance: number): Point => ({ x: tip.x - direction.x * distance, y: tip.y - direction.y * distance });
  const normal: Point = { x: -direction.y, y: direction.x };
  const across = (at: Point, offset: number): Point => ({ x: at.x + normal.x * offset, y: at.y + normal.y * offset });
  const bar = (distance: number): Point[] => [across(back(distance), -HALF_SPREAD), across(back(distance), HALF_SPREAD)];

  switch (marker) {
    case 'none':
      return { lines: [], circles: [] };
    case 'exactly_one':
      return { lines: [bar(BAR_DISTANCE), bar(SECOND_BAR_DISTANCE)], circles: [] };
    case 'zero_or_one':
      return { lines: [bar(BAR_DISTANCE)], circles: [{ center: back(CIRCLE_DISTANCE), radius: CIRCLE_RADIUS }] };
    case 'zero_or_many': {
      const heel = back(FOOT_LENGTH);
      return {
        lines: [[across(tip, -HALF_SPREAD), heel, across(tip, HALF_SPREAD)], [heel, tip]],
        circles: [{ center: back(FOOT_CIRCLE_DISTANCE), radius: CIRCLE_RADIUS }],
      };
    }
  }
}

/**
 * Unit vector along which a route arrives at its end: `points` runs from far to near, the last point
 * being the tip. Zero-length segments are skipped; `fallback` is used when the route has no length.
 */
export function arrivalDirection(points: readonly Point[], fallback: Point): Point {
  const tip = points[points.length - 1];
  if (tip === undefined) return fallback;
  for (let i = points.length - 2; i >= 0; i--) {
    const p = points[i]!;
    const dx = tip.x - p.x;
    const dy = tip.y - p.y;
    const length = Math.hypot(dx, dy);
    if (length > 1e-9) return { x: dx / length, y: dy / length };
  }
  return fallback;
}

/** Direction pointing into a box for an attach point on its edge (relative 0..1 coordinates). */
export function inwardDirection(attach: Point): Point {
  const distances: [number, Point][] = [
    [attach.x, { x: 1, y: 0 }],
    [1 - attach.x, { x: -1, y: 0 }],
    [attach.y, { x: 0, y: 1 }],
    [1 - attach.y, { x: 0, y: -1 }],
  ];
  distances.sort((a, b) => a[0] - b[0]);
  return distances[0]![1];
}
