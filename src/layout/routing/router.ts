/**
 * Orthogonal routes around table boxes for relations that no ELK run routed: relations between schema
 * frames or components, and relations of hub tables placed after the layered pass.
 *
 * A* over the "Hanan grid" of lines running just outside every box near the route, with a penalty per
 * bend. The grid is never built: nodes are made as the search reaches them, so large canvases cost only
 * what the search visits. When the search gives up (a cap keeps 1,000-table layouts fast), a three-segment
 * route is used.
 */
import type { Box, Point, Side } from '../../model/layout.js';
import { segmentBounds, segmentEntersBox } from '../helpers/geometry.js';
import { MinHeap } from '../helpers/min-heap.js';
import { SpatialIndex } from '../helpers/spatial-index.js';

/** Distance kept between a route and any box it passes. */
const CLEARANCE = 10;
/** Length of the straight piece leaving or entering a box before the first bend. */
export const STUB = 20;
const BEND_COST = 60;
const MAX_EXPANSIONS = 60_000;
/** Default search steps for all routes of one router together; past it, routes take the quick shape (fast 1,000-table layouts). */
export const DEFAULT_SEARCH_BUDGET = 1_000_000;
/** Weight of the escape search's estimate over the path's cost so far. */
const ESCAPE_GREED = 12;
/** The search stays within the two ends' bounding box grown by this much (and a share of its size). */
const SEARCH_MARGIN = 400;

const DIRECTIONS: ReadonlyArray<Point> = [
  { x: 1, y: 0 },
  { x: 0, y: 1 },
  { x: -1, y: 0 },
  { x: 0, y: -1 },
];

/** Index into DIRECTIONS of the way out of a box through `side`. */
function sideDirection(side: Side): number {
  return side === 'right' ? 0 : side === 'bottom' ? 1 : side === 'left' ? 2 : 3;
}

/** What `explore` searches for. */
interface SearchGoal {
  /** A point whose grid lines the search adds (the goal itself, or where it heads). */
  extra: Point;
  bounds: { minX: number; maxX: number; minY: number; maxY: number };
  estimate: (p: Point) => number;
  reached: (p: Point) => boolean;
  arrivalDirection: number | null;
  maxExpansions: number;
}

export interface RouteRequest {
  from: Point;
  fromSide: Side;
  to: Point;
  toSide: Side;
}

export class OrthogonalRouter {
  private readonly index: SpatialIndex<Box>;
  private budget: number;
  private readonly xLines: number[];
  private readonly yLines: number[];

  constructor(boxes: readonly Box[], searchBudget = DEFAULT_SEARCH_BUDGET) {
    this.budget = searchBudget;
    this.index = new SpatialIndex<Box>(300);
    const xs = new Set<number>();
    const ys = new Set<number>();
    for (const box of boxes) {
      this.index.insert(box, box);
      xs.add(box.x - CLEARANCE);
      xs.add(box.x + box.width + CLEARANCE);
      ys.add(box.y - CLEARANCE);
      ys.add(box.y + box.height + CLEARANCE);
    }
    this.xLines = [...xs].sort((a, b) => a - b);
    this.yLines = [...ys].sort((a, b) => a - b);
  }

  /** True when the segment passes through a box (kept clear by CLEARANCE less a little, so channels stay open). */
  blocked(a: Point, b: Point): boolean {
    const segment = { a, b };
    const bounds = segmentBounds(segment);
    const area = { x: bounds.x - CLEARANCE, y: bounds.y - CLEARANCE, width: bounds.width + 2 * CLEARANCE, height: bounds.height + 2 * CLEARANCE };
    return this.index.some(area, (box) =>
      segmentEntersBox(segment, { x: box.x - CLEARANCE + 1, y: box.y - CLEARANCE + 1, width: box.width + 2 * CLEARANCE - 2, height: box.height + 2 * CLEARANCE - 2 }, 0),
    );
  }

  route(request: RouteRequest): Point[] {
    const { exit, startDir, entry, endDir } = ends(request);
    const quick = quickRoutes(exit, startDir, entry, endDir).find((candidate) => !this.blockedPath(candidate));
    const middle = quick ?? this.connect(exit, startDir, entry, endDir) ?? fallback(exit, startDir, entry);
    return simplify([request.from, ...middle, request.to]);
  }

  /** The route when one of the two- and three-bend shapes is clear of every box, else null. */
  routeQuickly(request: RouteRequest): Point[] | null {
    const { exit, startDir, entry, endDir } = ends(request);
    const quick = quickRoutes(exit, startDir, entry, endDir).find((candidate) => !this.blockedPath(candidate));
    return quick ? simplify([request.from, ...quick, request.to]) : null;
  }

  /** A searched path from `start` leaving in `startDir` to `goal`, arriving in `goalDir`; null when the search gives up. */
  connect(start: Point, startDir: number, goal: Point, goalDir: number): Point[] | null {
    return this.search(start, startDir, goal, goalDir, SEARCH_MARGIN) ?? this.search(start, startDir, goal, goalDir, Infinity);
  }

  private blockedPath(points: readonly Point[]): boolean {
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (a && b && this.blocked(a, b)) return true;
    }
    return false;
  }

  private search(start: Point, startDir: number, goal: Point, goalDir: number, margin: number): Point[] | null {
    // Detours far outside the ends' bounding box are never worth their length; not searching there keeps
    // routing on large canvases fast.
    const marginX = margin + Math.abs(goal.x - start.x) / 4;
    const marginY = margin + Math.abs(goal.y - start.y) / 4;
    const found = this.explore(start, startDir, {
      extra: goal,
      bounds: {
        minX: Math.min(start.x, goal.x) - marginX,
        maxX: Math.max(start.x, goal.x) + marginX,
        minY: Math.min(start.y, goal.y) - marginY,
        maxY: Math.max(start.y, goal.y) + marginY,
      },
      estimate: (p) => Math.abs(p.x - goal.x) + Math.abs(p.y - goal.y),
      reached: (p) => p.x === goal.x && p.y === goal.y,
      arrivalDirection: goalDir,
      maxExpansions: MAX_EXPANSIONS,
    });
    return found ? found.points : null;
  }

  /**
   * A path from `start` (leaving in `startDir`) out of `region`, heading for `towards`: its last point lies
   * outside the region by at least the clearance, on a line the router keeps clear of every box. Null when the search gives up.
   */
  escape(start: Point, startDir: number, region: Box, towards: Point, maxExpansions: number): { points: Point[]; direction: number } | null {
    // Clear of the region by the clearance, so a route continuing outside it may start there.
    const outside = (p: Point): boolean =>
      p.x <= region.x - CLEARANCE || p.x >= region.x + region.width + CLEARANCE || p.y <= region.y - CLEARANCE || p.y >= region.y + region.height + CLEARANCE;
    if (outside(start)) return { points: [start], direction: startDir };
    const reach = SEARCH_MARGIN;
    return this.explore(start, startDir, {
      extra: towards,
      bounds: { minX: region.x - reach, maxX: region.x + region.width + reach, minY: region.y - reach, maxY: region.y + region.height + reach },
      // Not a lower bound of the cost to leave: it steers the search to the region's side facing `towards`,
      // and, weighted, makes the search greedy, so it leaves the region in a few thousand steps.
      estimate: (p) => ESCAPE_GREED * (Math.abs(p.x - towards.x) + Math.abs(p.y - towards.y)),
      reached: outside,
      arrivalDirection: null,
      maxExpansions,
    });
  }

  /**
   * A* over the Hanan grid from `start` until `reached`; the path's points and the direction it arrives in.
   * `arrivalDirection`, when set, is the direction the path must arrive in (a bend at the goal costs extra).
   */
  private explore(start: Point, startDir: number, goal: SearchGoal): { points: Point[]; direction: number } | null {
    if (this.budget <= 0) return null;
    const xs = mergeLine(this.xLines, [start.x, goal.extra.x]);
    const ys = mergeLine(this.yLines, [start.y, goal.extra.y]);
    const si = xs.indexOf(start.x);
    const sj = ys.indexOf(start.y);
    const ny = ys.length;
    const stateId = (i: number, j: number, d: number): number => (i * ny + j) * 4 + d;
    const cost = new Map<number, number>();
    const previous = new Map<number, number>();
    const heap = new MinHeap();
    const pointAt = (i: number, j: number): Point => ({ x: xs[i] ?? 0, y: ys[j] ?? 0 });
    const { minX, maxX, minY, maxY } = goal.bounds;
    const first = stateId(si, sj, startDir);
    cost.set(first, 0);
    heap.push(goal.estimate(start), first);
    const edgeBlocked = new Map<number, boolean>();
    let expansions = 0;
    while (heap.size > 0 && expansions < goal.maxExpansions && this.budget > 0) {
      const state = heap.pop();
      if (state === undefined) break;
      expansions++;
      this.budget--;
      const d = state % 4;
      const node = (state - d) / 4;
      const i = Math.floor(node / ny);
      const j = node % ny;
      const g = cost.get(state) ?? Infinity;
      if (goal.reached(pointAt(i, j))) {
        const wanted = goal.arrivalDirection;
        if (wanted === null || d === wanted) return { points: this.unwind(state, previous, xs, ys, ny), direction: d };
        const turned = stateId(i, j, wanted);
        const turnedCost = g + BEND_COST * ((d + 2) % 4 === wanted ? 2 : 1);
        if (turnedCost < (cost.get(turned) ?? Infinity)) {
          cost.set(turned, turnedCost);
          previous.set(turned, state);
          heap.push(turnedCost, turned);
        }
        continue;
      }
      for (let nd = 0; nd < 4; nd++) {
        if (nd === (d + 2) % 4) continue;
        const step = DIRECTIONS[nd];
        if (!step) continue;
        const ni = i + step.x;
        const nj = j + step.y;
        if (ni < 0 || nj < 0 || ni >= xs.length || nj >= ny) continue;
        const nx = xs[ni] ?? 0;
        const nyValue = ys[nj] ?? 0;
        if (nx < minX || nx > maxX || nyValue < minY || nyValue > maxY) continue;
        const edgeKey = Math.min(node, ni * ny + nj) * 2 + (step.x !== 0 ? 0 : 1);
        let isBlocked = edgeBlocked.get(edgeKey);
        if (isBlocked === undefined) {
          isBlocked = this.blocked(pointAt(i, j), pointAt(ni, nj));
          edgeBlocked.set(edgeKey, isBlocked);
        }
        if (isBlocked) continue;
        const length = Math.abs(nx - (xs[i] ?? 0)) + Math.abs(nyValue - (ys[j] ?? 0));
        const next = stateId(ni, nj, nd);
        const nextCost = g + length + (nd === d ? 0 : BEND_COST);
        if (nextCost < (cost.get(next) ?? Infinity)) {
          cost.set(next, nextCost);
          previous.set(next, state);
          heap.push(nextCost + goal.estimate({ x: nx, y: nyValue }), next);
        }
      }
    }
    return null;
  }

  private unwind(state: number, previous: Map<number, number>, xs: number[], ys: number[], ny: number): Point[] {
    const points: Point[] = [];
    let current: number | undefined = state;
    while (current !== undefined) {
      const node = Math.floor(current / 4);
      points.push({ x: xs[Math.floor(node / ny)] ?? 0, y: ys[node % ny] ?? 0 });
      current = previous.get(current);
    }
    return points.reverse();
  }
}

/**
 * Where a route's search starts and ends: a stub's length out of each box, and the directions the route
 * leaves the first box in and enters the second in.
 */
export function ends(request: RouteRequest): { exit: Point; startDir: number; entry: Point; endDir: number } {
  const startDir = sideDirection(request.fromSide);
  const endDir = (sideDirection(request.toSide) + 2) % 4;
  return { exit: stubEnd(request.from, startDir), startDir, entry: stubEnd(request.to, sideDirection(request.toSide)), endDir };
}

function stubEnd(anchor: Point, direction: number): Point {
  const d = DIRECTIONS[direction] ?? { x: 1, y: 0 };
  return { x: anchor.x + d.x * STUB, y: anchor.y + d.y * STUB };
}

function mergeLine(lines: number[], extra: number[]): number[] {
  const out = [...lines];
  for (const value of extra) {
    if (out.includes(value)) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((out[mid] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, value);
  }
  return out;
}

/**
 * Two- and three-bend shapes tried before any search: most relations between neighbouring boxes take one
 * of them, which is also what a reader expects.
 */
function quickRoutes(exit: Point, startDir: number, entry: Point, endDir: number): Point[][] {
  if (startDir % 2 !== 0 || endDir % 2 !== 0) return [];
  const candidates: Point[][] = [];
  if (startDir === endDir) {
    // Facing sides: one vertical run between them, in the middle or hugging either end.
    for (const x of [(exit.x + entry.x) / 2, exit.x, entry.x]) {
      if ((x - exit.x) * (startDir === 0 ? 1 : -1) < 0 || (entry.x - x) * (startDir === 0 ? 1 : -1) < 0) continue;
      candidates.push([exit, { x, y: exit.y }, { x, y: entry.y }, entry]);
    }
  } else {
    // Same side on both ends: out, along, back in, beyond the outer of the two.
    const x = startDir === 0 ? Math.max(exit.x, entry.x) : Math.min(exit.x, entry.x);
    candidates.push([exit, { x, y: exit.y }, { x, y: entry.y }, entry]);
  }
  return candidates;
}

/** Exit, a vertical (or horizontal) run half way, entry: used when the search gives up. */
function fallback(exit: Point, startDir: number, entry: Point): Point[] {
  if (startDir % 2 === 0) {
    const x = (exit.x + entry.x) / 2;
    return [exit, { x, y: exit.y }, { x, y: entry.y }, entry];
  }
  const y = (exit.y + entry.y) / 2;
  return [exit, { x: exit.x, y }, { x: entry.x, y }, entry];
}

/** Drops repeated points and points in the middle of a straight run. */
export function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) {
      out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}

