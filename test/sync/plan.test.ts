import { describe, expect, it } from 'vitest';
import type { MiroConnector, MiroGenericItem } from '../../src/miro/openapi/index.js';
import type { BoardScene } from '../../src/model/scene.js';
import { connectorRequest, frameRequest, tableShapeRequest, titleRequest } from '../../src/board/items.js';
import { planWrites, totalOf, creditFloorSeconds, expectedSeconds } from '../../src/board/costs.js';
import { readBoardState } from '../../src/board/board-state.js';
import { planSync } from '../../src/board/plan.js';
import { OccupiedSpace, findFreeBox } from '../../src/board/placement.js';
import { buildTestScene, shopRelations, shopTables, type TableSpec } from './scenes.js';

const options = { prune: true, relayout: false };

/** An item as the items listing returns it. */
function listed(id: string, type: string, data: unknown, position: { x: number; y: number }, geometry: { width?: number; height?: number }): MiroGenericItem {
  return { id, type, data: data as MiroGenericItem['data'], position: { ...position, origin: 'center' }, geometry };
}

/** The board the sync would leave for `scene`, as Miro lists it (ids t0, t1, …; frameless scenes). */
function boardOf(scene: BoardScene): { items: MiroGenericItem[]; connectors: MiroConnector[] } {
  const items: MiroGenericItem[] = [];
  const ids = new Map<string, string>();
  scene.tables.forEach((table, i) => {
    const request = tableShapeRequest(table, { box: table.box });
    ids.set(table.id, `${100 + i}`);
    items.push(listed(`${100 + i}`, 'shape', request.data, request.position!, request.geometry!));
  });
  const title = titleRequest(scene.title, scene.title.box);
  items.push(listed('999', 'text', title.data, title.position!, { ...title.geometry, height: scene.title.box.height }));
  const connectors = scene.connectors.map((c, i) => {
    const request = connectorRequest(c, ids.get(c.from)!, ids.get(c.to)!);
    return { id: `${500 + i}`, startItem: request.startItem, endItem: request.endItem, style: request.style, shape: request.shape } as MiroConnector;
  });
  return { items, connectors };
}

describe('placement', () => {
  it('keeps the wanted place when free, else takes the nearest free place', () => {
    const space = new OccupiedSpace([{ x: 0, y: 0, width: 100, height: 100 }]);
    expect(findFreeBox({ x: 500, y: 0, width: 50, height: 50 }, space)).toEqual({ x: 500, y: 0, width: 50, height: 50 });
    const moved = findFreeBox({ x: 10, y: 10, width: 50, height: 50 }, space);
    expect(space.isFree(moved)).toBe(true);
    expect(moved).toEqual({ x: 10, y: 140, width: 50, height: 50 });
    const blockedRight = findFreeBox({ x: 10, y: 10, width: 50, height: 50 }, space, [{ x: 100, y: -50, width: 300, height: 200 }]);
    expect(space.isFree(blockedRight, undefined, [{ x: 100, y: -50, width: 300, height: 200 }])).toBe(true);
  });
});

describe('the plan', () => {
  it('creates everything on an empty board, in bulk calls of 20, and prices it', () => {
    const tables: TableSpec[] = Array.from({ length: 45 }, (_, i) => ({ name: `t${String(i).padStart(2, '0')}`, columns: ['pk id integer'] }));
    const scene = buildTestScene(tables);
    const plan = planSync(scene, readBoardState([], []), options);
    expect(plan.tableCreates).toHaveLength(45);
    expect(plan.titleCreate).not.toBeNull();
    const writes = planWrites(plan);
    expect(writes.get('create-items')).toEqual({ calls: 3, credits: 4500 });
    expect(totalOf(writes.values())).toEqual({ calls: 4, credits: 4600 });
    expect(creditFloorSeconds(100_000)).toBe(60);
    expect(expectedSeconds({ calls: 4, credits: 4600 }, { latencyMs: 100, concurrency: 2 })).toBeCloseTo(2.76, 2);
  });

  it('is empty for a board that already shows the scene, wherever the user moved things', () => {
    const scene = buildTestScene(shopTables(), shopRelations());
    const board = boardOf(scene);
    expect(totalOf(planWrites(planSync(scene, readBoardState(board.items, board.connectors), options)).values()).calls).toBe(0);
    board.items[0]!.position = { x: 9000, y: 9000, origin: 'center' };
    board.items[1]!.geometry = { width: 999, height: 999 };
    const plan = planSync(scene, readBoardState(board.items, board.connectors), options);
    expect(totalOf(planWrites(plan).values()).calls).toBe(0);
    expect(plan.unchanged).toEqual({ tables: 4, relations: 3 });
    expect(planSync(scene, readBoardState(board.items, board.connectors), { prune: true, relayout: true }).tableUpdates).toHaveLength(2);
  });

  it('updates a moved relation in place instead of deleting and recreating it', () => {
    const scene = buildTestScene(shopTables(), shopRelations());
    const board = boardOf(scene);
    const moved = buildTestScene(
      shopTables().map((t) => (t.name === 'orders' ? { ...t, columns: ['pk id integer', 'placed_at timestamptz', 'fk customer_id integer'] } : t)),
      shopRelations(),
    );
    const plan = planSync(moved, readBoardState(board.items, board.connectors), options);
    expect(plan.tableUpdates.map((u) => u.tableId)).toEqual(['public.orders']);
    expect(plan.connectorUpdates.map((u) => u.relationId)).toEqual(['public.orders.customer_id_fkey']);
    expect(plan.connectorCreates).toHaveLength(0);
    expect(plan.connectorDeletes).toHaveLength(0);
    // Its column only moved down a row: the same relation, drawn elsewhere, is not a change of the schema.
    expect(plan.changes.relationsChanged).toEqual([]);
  });

  it('does not count a user connector or a user shape as ours', () => {
    const scene = buildTestScene(shopTables(), shopRelations());
    const board = boardOf(scene);
    board.items.push(listed('7', 'shape', { shape: 'circle', content: '<p>orders</p>' }, { x: 0, y: 0 }, { width: 10, height: 10 }));
    board.connectors.push({ id: '8', startItem: { id: '100' }, endItem: { id: '101' }, style: { startStrokeCap: 'none', endStrokeCap: 'stealth' } } as MiroConnector);
    const state = readBoardState(board.items, board.connectors);
    expect(state.foreignItems).toBe(1);
    expect(state.foreignConnectors).toBe(1);
    const plan = planSync(scene, state, options);
    expect(totalOf(planWrites(plan).values()).calls).toBe(0);
  });

  it('creates a frame per schema and puts its new tables inside it', () => {
    const scene = buildTestScene([
      { schema: 'billing', name: 'invoice', columns: ['pk id integer'] },
      { schema: 'public', name: 'customer', columns: ['pk id integer'] },
    ]);
    const plan = planSync(scene, readBoardState([], []), options);
    expect(plan.frameCreates.map((f) => f.schema)).toEqual(['billing', 'public']);
    expect(plan.frameCreates[0]!.request).toEqual(frameRequest(scene.frames[0]!, scene.frames[0]!.box));
    expect(plan.tableCreates.map((t) => t.parent)).toEqual([
      { newFrameSchema: 'billing', topLeft: { x: scene.frames[0]!.box.x, y: scene.frames[0]!.box.y } },
      { newFrameSchema: 'public', topLeft: { x: scene.frames[1]!.box.x, y: scene.frames[1]!.box.y } },
    ]);
  });
});
