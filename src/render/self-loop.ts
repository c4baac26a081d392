/**
 * A self-reference (a table's foreign key to itself) drawn through a small circle beside the table: one
 * leg from the FK row out to the circle, one from the circle back to the key row. Miro refuses a connector
 * whose two ends are the same item, so the board needs the circle; the preview draws the same figure.
 * Both drawers take the geometry from here. Pure.
 */
import type { Box, Point } from '../model/layout.js';
import type { SceneConnector } from '../model/scene.js';

export const LOOP_DIAMETER = 16;
/** From the table's edge to the circle's centre, at least (the layout's loop route may reach further). */
const LOOP_GAP = 40;
/** Between two loops of one table, so that their circles never sit on each other. */
const LOOP_STAGGER = 28;
/** A loop route that detours far is not followed: the circle stays near its table. */
const MAX_REACH = 3 * LOOP_GAP;

export interface SelfLoopGeometry {
  /** The circle's box, board coordinates. */
  box: Box;
  side: 'left' | 'right';
  /** Where the first leg leaves the table (the FK row) and the second enters it (the key row), board coordinates. */
  fromPoint: Point;
  toPoint: Point;
  /** Where each leg meets the circle, relative to the circle's box (0..1): the side facing the table, then its top or bottom. */
  outAttach: Point;
  backAttach: Point;
}

export function isSelfReference(connector: Pick<SceneConnector, 'from' | 'to'>): boolean {
  return connector.from === connector.to;
}

/**
 * The loop of self-reference `connector` on a table drawn in `tableBox`; `index` is its place among the
 * table's self-references (sorted by id). The circle sits level with the FK row, outside the edge the
 * relation attaches to, as far out as the layout's loop route went from the table's scene box `routeBox`
 * (the board may show the table elsewhere; the loop goes along with it).
 */
export function selfLoopGeometry(
  tableBox: Box,
  connector: Pick<SceneConnector, 'fromAttach' | 'toAttach' | 'route'>,
  index: number,
  routeBox: Box = tableBox,
): SelfLoopGeometry {
  const side = connector.fromAttach.x < 0.5 ? 'left' : 'right';
  const edge = side === 'right' ? tableBox.x + tableBox.width : tableBox.x;
  const outward = side === 'right' ? 1 : -1;
  const routeEdge = side === 'right' ? routeBox.x + routeBox.width : routeBox.x;
  const routeReach = Math.max(0, ...connector.route.map((p) => (p.x - routeEdge) * outward));
  const reach = Math.min(Math.max(routeReach, LOOP_GAP), MAX_REACH) + index * LOOP_STAGGER;
  const fromPoint = { x: edge, y: tableBox.y + connector.fromAttach.y * tableBox.height };
  const toPoint = { x: edge, y: tableBox.y + connector.toAttach.y * tableBox.height };
  const centre = { x: edge + outward * reach, y: fromPoint.y };
  const r = LOOP_DIAMETER / 2;
  return {
    box: { x: centre.x - r, y: centre.y - r, width: LOOP_DIAMETER, height: LOOP_DIAMETER },
    side,
    fromPoint,
    toPoint,
    outAttach: { x: side === 'right' ? 0 : 1, y: 0.5 },
    // The way back leaves the circle towards the key row: up when it sits higher, else down.
    backAttach: { x: 0.5, y: toPoint.y < fromPoint.y ? 0 : 1 },
  };
}

/** The ordinal of each self-reference among its table's, by id: what `selfLoopGeometry` staggers by. */
export function selfLoopIndexes(connectors: readonly SceneConnector[]): Map<string, number> {
  const indexes = new Map<string, number>();
  const perTable = new Map<string, number>();
  for (const connector of [...connectors].filter(isSelfReference).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const index = perTable.get(connector.from) ?? 0;
    indexes.set(connector.id, index);
    perTable.set(connector.from, index + 1);
  }
  return indexes;
}
