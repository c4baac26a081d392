/**
 * The plan for self-references: each is a small circle of ours beside its table (`SceneConnector.loop`)
 * and two legs, from the FK row to the circle and from the circle to the key row. The circle follows its
 * table (where the table is on the board, in the table's frame), and goes when its table or its relation
 * goes. Pure: adds to the plan that plan.ts builds.
 */
import { attachPercent, connectorStyle, loopLegRequest, miroPosition, strokeCap, type LoopLeg } from './items.js';
import type { Box, Point } from '../model/layout.js';
import type { BoardScene, SceneConnector, SceneLoop } from '../model/scene.js';
import type { MiroShapeUpdateRequest } from '../miro/openapi/index.js';
import { compareStrings } from '../util/compare.js';
import type { BoardState, OurLoopLeg } from './board-state.js';
import type { PlannedParent, SyncPlan } from './plan.js';

export interface LoopCreate {
  connector: SceneConnector;
  /** Board coordinates. */
  box: Box;
  parent: PlannedParent | null;
}

export interface LoopUpdate {
  itemId: string;
  relationId: string;
  request: MiroShapeUpdateRequest;
  /** Set when the circle moves into a frame this plan creates. */
  newParentFrame?: string;
}

export interface LoopLegCreate {
  connector: SceneConnector;
  leg: LoopLeg;
  loop: SceneLoop;
  /** Stroke colour replacing the usual one: a change mark (marks.ts). */
  strokeColor?: string;
}

/** Where a table will be once the plan has run: its box and parent frame. */
export interface TablePlace {
  box: Box;
  parent: PlannedParent | null;
}

const ATTACH_TOLERANCE = 0.00015;

export function planLoops(
  scene: BoardScene,
  board: BoardState,
  options: { prune: boolean },
  plan: SyncPlan,
  placeOf: (tableId: string) => TablePlace | undefined,
  /** Items this plan deletes; the loop circles it deletes are added (a frame empties only once they go). */
  deletedItems: Set<string>,
): void {
  const sceneBoxes = new Map(scene.tables.map((t) => [t.id, t.box]));
  const itemOfTable = new Map([...board.tables.values()].map((t) => [t.tableId, t.itemId]));
  const legsOf = new Map<string, OurLoopLeg[]>();
  for (const leg of board.loopLegs) legsOf.set(leg.relationId, [...(legsOf.get(leg.relationId) ?? []), leg]);
  const wanted = new Set<string>();

  for (const connector of scene.connectors) {
    const place = placeOf(connector.from);
    const sceneBox = sceneBoxes.get(connector.from);
    if (connector.loop === undefined || place === undefined || sceneBox === undefined) continue;
    wanted.add(connector.id);
    // The circle keeps its place beside the table wherever the table is on the board.
    const box = { ...connector.loop.box, x: connector.loop.box.x - sceneBox.x + place.box.x, y: connector.loop.box.y - sceneBox.y + place.box.y };
    const geometry: SceneLoop = { ...connector.loop, box };
    const existing = board.loops.get(connector.id);
    if (existing === undefined) {
      plan.loopCreates.push({ connector, box: geometry.box, parent: place.parent });
      for (const leg of ['out', 'back'] as const) plan.loopLegCreates.push({ connector, leg, loop: geometry });
      plan.changes.relationsAdded.push(connector.id);
      continue;
    }
    const moved = !samePlace(existing.box, geometry.box) || !sameParent(existing.parentId, place.parent);
    if (moved) {
      const origin = place.parent?.topLeft ?? { x: 0, y: 0 };
      const relative = { ...geometry.box, x: geometry.box.x - origin.x, y: geometry.box.y - origin.y };
      const request: MiroShapeUpdateRequest = { position: miroPosition({ box: relative }) };
      if (place.parent !== null && 'itemId' in place.parent && place.parent.itemId !== existing.parentId) request.parent = { id: place.parent.itemId };
      const newParentFrame = place.parent !== null && 'newFrameSchema' in place.parent ? place.parent.newFrameSchema : undefined;
      plan.loopUpdates.push({ itemId: existing.itemId, relationId: connector.id, request, ...(newParentFrame !== undefined ? { newParentFrame } : {}) });
    }
    const tableItemId = itemOfTable.get(connector.from);
    let changed = false;
    for (const leg of ['out', 'back'] as const) {
      const drawn = (legsOf.get(connector.id) ?? []).filter((l) => l.leg === leg);
      const match = drawn.find((l) => legDrawsAs(l, connector, geometry, leg));
      const [first, ...extra] = match === undefined ? drawn : [match, ...drawn.filter((l) => l !== match)];
      for (const other of extra) plan.connectorDeletes.push({ connectorId: other.connectorId, label: 'duplicate' });
      if (first === undefined || tableItemId === undefined) {
        // A leg gone (deleted by hand): drawn again; the relation itself did not change.
        plan.loopLegCreates.push({ connector, leg, loop: geometry });
      } else if (first !== match) {
        const request = loopLegRequest(connector, geometry, leg, tableItemId, existing.itemId);
        plan.connectorUpdates.push({
          connectorId: first.connectorId,
          relationId: connector.id,
          request: { startItem: request.startItem, endItem: request.endItem, style: request.style },
        });
        // New caps or stroke are a change of the relation; the same ends moved with their rows are not.
        if (!sameCaps(first, request.style)) changed = true;
      } else plan.connectorMatches.push({ connectorId: first.connectorId, relationId: connector.id, strokeColor: first.strokeColor });
    }
    if (changed) plan.changes.relationsChanged.push(connector.id);
    else plan.unchanged.relations++;
  }

  for (const [relationId, loop] of [...board.loops].sort(([a], [b]) => compareStrings(a, b))) {
    if (wanted.has(relationId)) continue;
    const tableGone = loop.tableId === null || deletedItems.has(itemOfTable.get(loop.tableId) ?? '') || placeOf(loop.tableId) === undefined;
    if (!tableGone) plan.changes.relationsRemoved.push(`${loop.tableId} → ${loop.tableId}`);
    // The circle goes with its table; a loop whose relation is gone goes unless `--no-prune`.
    if (tableGone || options.prune) {
      plan.itemDeletes.push({ itemId: loop.itemId, kind: 'loop', label: relationId });
      deletedItems.add(loop.itemId);
    } else plan.kept.relations++;
  }
}

/** True when leg `l` on the board draws `leg` of `connector`'s loop (colour and line shape are the user's). */
function legDrawsAs(l: OurLoopLeg, connector: SceneConnector, geometry: SceneLoop, leg: LoopLeg): boolean {
  const style = connectorStyle(connector);
  const tableAttach = leg === 'out' ? connector.fromAttach : connector.toAttach;
  const loopAttach = leg === 'out' ? geometry.outAttach : geometry.backAttach;
  const [start, end] = leg === 'out' ? [tableAttach, loopAttach] : [loopAttach, tableAttach];
  return (
    near(l.fromAttach, start) &&
    near(l.toAttach, end) &&
    l.startCap === (leg === 'out' ? strokeCap(connector.startMarker) : 'none') &&
    l.endCap === (leg === 'back' ? strokeCap(connector.endMarker) : 'none') &&
    l.strokeStyle === style.strokeStyle
  );
}

function sameCaps(l: OurLoopLeg, style: { startStrokeCap?: string; endStrokeCap?: string; strokeStyle?: string } | undefined): boolean {
  return l.startCap === style?.startStrokeCap && l.endCap === style?.endStrokeCap && l.strokeStyle === style?.strokeStyle;
}

function near(a: Point | null, b: Point): boolean {
  if (a === null) return false;
  const sent = (v: number): number => Number.parseFloat(attachPercent(v)) / 100;
  return Math.abs(a.x - sent(b.x)) <= ATTACH_TOLERANCE && Math.abs(a.y - sent(b.y)) <= ATTACH_TOLERANCE;
}

function samePlace(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
}

function sameParent(parentId: string | null, parent: PlannedParent | null): boolean {
  if (parent === null) return parentId === null;
  return 'itemId' in parent && parent.itemId === parentId;
}
