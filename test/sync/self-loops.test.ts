/**
 * Self-references on the board: a circle of ours beside the table with two legs (FK row -> circle -> key
 * row); recognised again (by signature, or by its legs when the board dropped it), moved with its table,
 * deleted with its table or its relation.
 */
import { describe, expect, it } from 'vitest';
import { syncBoard } from '../../src/board/index.js';
import { duplicatesOf, harnessFor, TEXT_MODES, viewBoard } from './harness.js';
import { buildTestScene, shopRelations, shopTables, type RelationSpec, type TableSpec } from './scenes.js';

const tables = (): TableSpec[] => [
  ...shopTables(),
  { name: 'employee', columns: ['pk id integer', 'fk manager_id integer?', 'fk mentor_id integer?', 'name text'] },
];
const relations = (): RelationSpec[] => [
  ...shopRelations(),
  { from: 'public.employee', fromColumn: 'manager_id', to: 'public.employee', toColumn: 'id', startMarker: 'zero_or_many', endMarker: 'zero_or_one' },
  { from: 'public.employee', fromColumn: 'mentor_id', to: 'public.employee', toColumn: 'id', startMarker: 'zero_or_one', endMarker: 'zero_or_one' },
];

describe.each(TEXT_MODES)('self-references on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  it('loop through a circle beside the table, follow it when moved, and go with it', async () => {
    const scene = buildTestScene(tables(), relations());
    const first = await syncBoard(scene, harness.client(), {});
    const boardId = first.boardId!;
    const board = harness.emulator.boards.require(boardId);
    const view = viewBoard(harness.emulator, boardId);
    expect(duplicatesOf(view)).toEqual([]);
    expect(view.links.filter((l) => l.includes('loop:'))).toEqual([
      'loop:public.employee.manager_id_fkey -> table:public.employee',
      'loop:public.employee.mentor_id_fkey -> table:public.employee',
      'table:public.employee -> loop:public.employee.manager_id_fkey',
      'table:public.employee -> loop:public.employee.mentor_id_fkey',
    ]);
    expect(first.counts.creates.relations).toBe(5);
    const employee = board.item(view.signed.get('table:public.employee')![0]!);
    const circles = [...view.signed].filter(([key]) => key.startsWith('loop:')).map(([, ids]) => board.item(ids[0]!));
    const sceneEmployee = scene.tables.find((t) => t.id === 'public.employee')!;
    // The circles sit outside the table's right edge, level with their FK rows, one further out than the other.
    const centres = circles.map((c) => board.absolutePosition(c));
    const right = sceneEmployee.box.x + sceneEmployee.box.width;
    for (const centre of centres) expect(centre.x).toBeGreaterThan(right);
    expect(new Set(centres.map((c) => c.x)).size).toBe(2);
    expect(circles.every((c) => c.data.shape === 'circle')).toBe(true);
    expect((await syncBoard(scene, harness.client(), { boardId })).writeCalls).toBe(0);

    // A user moves the table: the next run brings its loops along (two moves, nothing else).
    await harness.client().updateShape(boardId, employee.id, { position: { x: 4000, y: 3000 } });
    const moved = await syncBoard(scene, harness.client(), { boardId });
    expect(moved.counts.updates).toMatchObject({ tables: 0, relations: 2 });
    expect(moved.changes.relationsChanged).toEqual([]);
    expect(moved.writeCalls).toBe(2);
    const movedBox = { ...sceneEmployee.box, x: 4000 - sceneEmployee.box.width / 2, y: 3000 - sceneEmployee.box.height / 2 };
    const connector = scene.connectors.find((c) => c.id === 'public.employee.manager_id_fkey')!;
    // The circle keeps its place beside the table.
    const wanted = { ...connector.loop!.box, x: connector.loop!.box.x + movedBox.x - sceneEmployee.box.x, y: connector.loop!.box.y + movedBox.y - sceneEmployee.box.y };
    const manager = board.item(viewBoard(harness.emulator, boardId).signed.get('loop:public.employee.manager_id_fkey')![0]!);
    const at = board.absolutePosition(manager);
    expect(at.x).toBeCloseTo(wanted.x + wanted.width / 2, 1);
    expect(at.y).toBeCloseTo(wanted.y + wanted.height / 2, 1);
    expect((await syncBoard(scene, harness.client(), { boardId })).writeCalls).toBe(0);

    // One self-reference dropped: its circle goes (its legs with it); the other stays.
    const fewer = buildTestScene(tables(), relations().filter((r) => r.fromColumn !== 'mentor_id'));
    const dropped = await syncBoard(fewer, harness.client(), { boardId });
    expect(dropped.changes.relationsRemoved).toEqual(['public.employee → public.employee']);
    expect(viewBoard(harness.emulator, boardId).signed.has('loop:public.employee.mentor_id_fkey')).toBe(false);
    expect(board.connectors()).toHaveLength(5);

    // The table dropped: its loop goes with it, nothing of it is left on the board.
    const without = buildTestScene(shopTables(), shopRelations());
    const gone = await syncBoard(without, harness.client(), { boardId });
    expect(gone.changes.tablesRemoved).toEqual(['public.employee']);
    expect(board.items().filter((i) => i.type === 'shape')).toHaveLength(4);
    expect(board.connectors()).toHaveLength(3);
    expect((await syncBoard(without, harness.client(), { boardId })).writeCalls).toBe(0);
  });
});
