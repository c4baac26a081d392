/**
 * Where a self-reference's circle goes (`SceneConnector.loop`, src/model/scene.ts): level with the FK row,
 * outside the edge the relation attaches to, as far out as the layout's loop route went (within reason),
 * a table's second and further loops staggered outwards. Pure.
 */
import type { Box } from '../model/layout.js';
import { SELF_LOOP_DIAMETER, type SceneConnector, type SceneLoop } from '../model/scene.js';
import { compareStrings } from '../util/compare.js';

/** From the table's edge to the circle's centre, at least. */
const LOOP_GAP = 40;
/** Between two loops of one table, so that their circles never sit on each other. */
const LOOP_STAGGER = 28;
/** A loop route that detours far is not followed: the circle stays near its table. */
const MAX_REACH = 3 * LOOP_GAP;

export function isSelfReference(connector: Pick<SceneConnector, 'from' | 'to'>): boolean {
  return connector.from === connector.to;
}

/** The loop of self-reference `connector` on a table drawn in `tableBox`; `index`: its place among the table's loops. */
export function selfLoop(tableBox: Box, connector: Pick<SceneConnector, 'fromAttach' | 'toAttach' | 'route'>, index: number): SceneLoop {
  const right = connector.fromAttach.x >= 0.5;
  const edge = right ? tableBox.x + tableBox.width : tableBox.x;
  const outward = right ? 1 : -1;
  const routeReach = Math.max(0, ...connector.route.map((p) => (p.x - edge) * outward));
  const reach = Math.min(Math.max(routeReach, LOOP_GAP), MAX_REACH) + index * LOOP_STAGGER;
  const r = SELF_LOOP_DIAMETER / 2;
  const centre = { x: edge + outward * reach, y: tableBox.y + connector.fromAttach.y * tableBox.height };
  return {
    box: { x: centre.x - r, y: centre.y - r, width: SELF_LOOP_DIAMETER, height: SELF_LOOP_DIAMETER },
    outAttach: { x: right ? 0 : 1, y: 0.5 },
    // The way back leaves the circle towards the key row: up when it sits higher, else down.
    backAttach: { x: 0.5, y: connector.toAttach.y < connector.fromAttach.y ? 0 : 1 },
  };
}

/** The scene's connectors with a loop on each self-reference (staggered per table, by id). */
export function withSelfLoops(connectors: readonly SceneConnector[], boxes: ReadonlyMap<string, Box>): SceneConnector[] {
  const perTable = new Map<string, number>();
  const indexes = new Map<string, number>();
  for (const connector of [...connectors].filter(isSelfReference).sort((a, b) => compareStrings(a.id, b.id))) {
    const index = perTable.get(connector.from) ?? 0;
    indexes.set(connector.id, index);
    perTable.set(connector.from, index + 1);
  }
  return connectors.map((connector) => {
    const index = indexes.get(connector.id);
    const box = boxes.get(connector.from);
    return index === undefined || box === undefined ? connector : { ...connector, loop: selfLoop(box, connector, index) };
  });
}
