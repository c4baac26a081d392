/**
 * Routes for relations between schema frames. Searching the whole canvas between two frames is too slow
 * for large schemas (the search gives up and the route cuts through tables), so such a route is made of
 * three short searches: out of the source frame's tables to the edge of its content, around the frames'
 * contents (a handful of rectangles: cheap), and in from the target frame's content edge to the target.
 */
import type { Box, Point } from '../../model/layout.js';
import type { RouteRequest } from './router.js';
import { OrthogonalRouter, ends, simplify } from './router.js';

interface Escape {
  points: Point[];
  direction: number;
}

/** Search steps for one way out of a frame's content; past it, the relation takes the ordinary router. */
const ESCAPE_EXPANSIONS = 4_000;

export class BetweenFramesRouter {
  private readonly around: OrthogonalRouter;
  private readonly escapes = new Map<string, Escape | null>();

  /**
   * `tables` routes inside frames (its search budget is shared by all escapes); `contents` are the frames'
   * content rectangles (the bounding boxes of their tables), the only obstacles between frames.
   */
  constructor(
    private readonly tables: OrthogonalRouter,
    contents: readonly Box[],
  ) {
    this.around = new OrthogonalRouter(contents);
  }

  route(request: RouteRequest, fromContent: Box, toContent: Box): Point[] {
    const quick = this.tables.routeQuickly(request);
    if (quick) return quick;
    const { exit, startDir, entry, endDir } = ends(request);
    const out = this.leave(exit, startDir, fromContent, toContent);
    // The way in is searched backwards, from the target's stub out of its frame's content.
    const back = out && this.leave(entry, (endDir + 2) % 4, toContent, fromContent);
    const outEnd = out?.points[out.points.length - 1];
    const backEnd = back?.points[back.points.length - 1];
    if (!out || !back || !outEnd || !backEnd) return this.tables.route(request);
    const between = this.around.connect(outEnd, out.direction, backEnd, (back.direction + 2) % 4);
    if (!between) return this.tables.route(request);
    return simplify([request.from, ...out.points, ...between.slice(1), ...[...back.points].reverse().slice(1), request.to]);
  }

  /**
   * A way out of `content` towards the other frame's content, else by the nearest edge. Many relations
   * leave one table's row for one frame (relations to a hub, parallel keys), so ways out are remembered.
   */
  private leave(start: Point, direction: number, content: Box, other: Box): Escape | null {
    const key = `${start.x},${start.y},${direction},${other.x},${other.y}`;
    const known = this.escapes.get(key);
    if (known !== undefined) return known;
    const towards = { x: other.x + other.width / 2, y: other.y + other.height / 2 };
    const found =
      this.tables.escape(start, direction, content, towards, ESCAPE_EXPANSIONS) ??
      this.tables.escape(start, direction, content, nearestOutside(start, content), ESCAPE_EXPANSIONS);
    this.escapes.set(key, found);
    return found;
  }
}

/** The point just outside `box` nearest to `p` (inside it). */
function nearestOutside(p: Point, box: Box): Point {
  const candidates: Point[] = [
    { x: box.x - 1, y: p.y },
    { x: box.x + box.width + 1, y: p.y },
    { x: p.x, y: box.y - 1 },
    { x: p.x, y: box.y + box.height + 1 },
  ];
  const distance = (q: Point): number => Math.abs(q.x - p.x) + Math.abs(q.y - p.y);
  return candidates.reduce((best, q) => (distance(q) < distance(best) ? q : best));
}
