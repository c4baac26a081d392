/** SVG path data for an orthogonal route, with its corners rounded. */
import type { Point } from '../model/layout.js';
import { formatNumber as n } from './xml.js';

/** Corner radius; shrinks on short segments so neighbouring corners never overlap. */
const CORNER_RADIUS = 10;

export function routePathData(points: readonly Point[]): string {
  const pts = dropRepeats(points);
  const first = pts[0];
  if (first === undefined) return '';
  let d = `M${n(first.x)} ${n(first.y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const prev = pts[i - 1]!;
    const corner = pts[i]!;
    const next = pts[i + 1]!;
    const inLength = Math.hypot(corner.x - prev.x, corner.y - prev.y);
    const outLength = Math.hypot(next.x - corner.x, next.y - corner.y);
    const r = Math.min(CORNER_RADIUS, inLength / 2, outLength / 2);
    const a = towards(corner, prev, r / inLength);
    const b = towards(corner, next, r / outLength);
    d += ` L${n(a.x)} ${n(a.y)} Q${n(corner.x)} ${n(corner.y)} ${n(b.x)} ${n(b.y)}`;
  }
  const last = pts[pts.length - 1]!;
  if (pts.length > 1) d += ` L${n(last.x)} ${n(last.y)}`;
  return d;
}

function towards(from: Point, to: Point, fraction: number): Point {
  return { x: from.x + (to.x - from.x) * fraction, y: from.y + (to.y - from.y) * fraction };
}

function dropRepeats(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last === undefined || last.x !== p.x || last.y !== p.y) out.push(p);
  }
  return out;
}
