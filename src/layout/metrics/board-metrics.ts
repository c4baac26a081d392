/**
 * How readable the board is, judged on connectors as Miro draws them rather than on our routes: Miro takes
 * no waypoints, it draws an elbowed connector from attach point to attach point, leaving each end
 * perpendicular to its side for a short stub, then one to three bends, ignoring every other item. So a
 * layout whose routes are clean can still draw a tangle on the board; these figures show it.
 */
import type { Box, Layout, Point } from '../../model/layout.js';
import { polylineSegments, segmentBounds, segmentEntersBox } from '../helpers/geometry.js';
import { forEachCrossing } from './metrics.js';
import { miroElbowPath } from '../helpers/elbow-path.js';
import { SpatialIndex } from '../helpers/spatial-index.js';

/** A 1920x1080 screen, and the text height a reader needs on it. */
export const SCREEN = { width: 1920, height: 1080 };
export const TEXT_UNITS = 14;

export interface BoardMetrics {
  connectors: number;
  /** Connectors whose drawn path passes through a table (or reference box) that is neither of its ends. */
  throughTables: number;
  /** Pairs of drawn paths that cross at least once. */
  crossingPairs: number;
  /** Most relation ends at one attach point of one item. */
  maxEndsPerPoint: number;
  medianLength: number;
  p90Length: number;
  /** Board width over height. */
  aspect: number;
  /** Zoom at which the largest innermost frame (or the board, without frames) fits a 1920x1080 screen. */
  fitZoom: number;
  /** Height in px of 14-unit text at that zoom. */
  textPx: number;
}

export interface DrawnConnector {
  /** Ids of the two items the connector joins (tables or reference boxes). */
  fromItem: string;
  toItem: string;
  path: Point[];
  fromPoint: Point;
  toPoint: Point;
}

/** The board's connectors as Miro draws them, from the layout's attach points and sides. */
export function drawnConnectors(layout: Pick<Layout, 'relations'>): DrawnConnector[] {
  return layout.relations.map((r) => ({
    fromItem: r.from,
    toItem: r.toItem ?? r.to,
    fromPoint: r.fromAnchor,
    toPoint: r.toAnchor,
    path: miroElbowPath({ point: r.fromAnchor, side: r.fromSide }, { point: r.toAnchor, side: r.toSide }),
  }));
}

export function boardMetrics(layout: Pick<Layout, 'relations' | 'tables' | 'frames' | 'width' | 'height'> & Partial<Pick<Layout, 'references'>>): BoardMetrics {
  const connectors = drawnConnectors(layout);
  const items: Array<Box & { id: string }> = [...layout.tables, ...(layout.references ?? [])];
  const lengths = connectors.map((c) => pathLength(c.path)).sort((p, q) => p - q);
  const fit = fitZoom(layout);
  return {
    connectors: connectors.length,
    throughTables: countThroughItems(connectors, items),
    crossingPairs: countCrossingPairs(connectors.map((c) => c.path)),
    maxEndsPerPoint: maxEndsPerPoint(connectors),
    medianLength: quantile(lengths, 0.5),
    p90Length: quantile(lengths, 0.9),
    aspect: layout.height === 0 ? 0 : layout.width / layout.height,
    fitZoom: fit,
    textPx: TEXT_UNITS * fit,
  };
}

function countThroughItems(connectors: readonly DrawnConnector[], items: ReadonlyArray<Box & { id: string }>): number {
  return throughItems(connectors, items).filter((hit) => hit).length;
}

/** Per connector: whether its drawn path passes through an item that is neither of its ends. */
export function throughItems(connectors: readonly DrawnConnector[], items: ReadonlyArray<Box & { id: string }>): boolean[] {
  const index = new SpatialIndex<number>(400);
  items.forEach((item, i) => index.insert(item, i));
  return connectors.map((c) =>
    polylineSegments(c.path).some((segment) =>
      index.query(segmentBounds(segment)).some((i) => {
        const item = items[i];
        return item !== undefined && item.id !== c.fromItem && item.id !== c.toItem && segmentEntersBox(segment, item);
      }),
    ),
  );
}

/** Pairs of polylines that properly cross somewhere. */
export function countCrossingPairs(polylines: readonly Point[][]): number {
  const pairs = new Set<number>();
  const n = polylines.length;
  forEachCrossing(polylines, (a, b) => pairs.add(Math.min(a, b) * n + Math.max(a, b)));
  return pairs.size;
}

function maxEndsPerPoint(connectors: readonly DrawnConnector[]): number {
  const ends = new Map<string, number>();
  const add = (item: string, p: Point): void => {
    const key = `${item}@${Math.round(p.x)},${Math.round(p.y)}`;
    ends.set(key, (ends.get(key) ?? 0) + 1);
  };
  for (const c of connectors) {
    add(c.fromItem, c.fromPoint);
    add(c.toItem, c.toPoint);
  }
  return Math.max(0, ...ends.values());
}

/** The zoom at which the largest innermost frame fits the screen; the whole board when there are no frames. */
function fitZoom(layout: Pick<Layout, 'frames' | 'width' | 'height'>): number {
  const innermost = layout.frames.filter((f) => !layout.frames.some((g) => g !== f && contains(f, g)));
  const boxes: Array<{ width: number; height: number }> = innermost.length > 0 ? innermost : [layout];
  return Math.min(...boxes.map((b) => Math.min(SCREEN.width / Math.max(1, b.width), SCREEN.height / Math.max(1, b.height))));
}

function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function pathLength(points: readonly Point[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    length += Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
  }
  return length;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
