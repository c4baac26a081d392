/**
 * Named diagrams composed beside the whole schema: ids carry the diagram, frames sit side by side, and a
 * copy is marked only when its table changed (not because its diagram is new on the board).
 */
import { describe, expect, it } from 'vitest';
import { composeScenes } from '../../src/scene/compose-scene.js';
import { baseIdOf, idInDiagram, isDiagramCopyId } from '../../src/model/scene.js';
import { syncBoard } from '../../src/board/index.js';
import { markOnBoard } from '../../src/board/marks.js';
import { readSignature } from '../../src/board/signature.js';
import { harnessFor, sentText, TEXT_MODES } from './harness.js';
import { buildTestScene, shopRelations, shopTables, type TableSpec } from './scenes.js';

describe.each(TEXT_MODES)('on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  const ordersOnly = (tables: TableSpec[]) => tables.filter((t) => t.name === 'orders' || t.name === 'customer');

  function compose(tables: TableSpec[]) {
    const main = buildTestScene(tables, shopRelations());
    const orders = buildTestScene(ordersOnly(tables), shopRelations().filter((r) => r.from === 'public.orders'));
    return composeScenes(main, [{ name: 'Orders', scene: orders }]);
  }

  describe('composing named diagrams', () => {
    it('gives copies their own ids and one frame beside the whole schema, deterministically', () => {
      const scene = compose(shopTables());
      expect(scene.tables.map((t) => t.id)).toEqual([
        'diagram:Orders/public.customer',
        'diagram:Orders/public.orders',
        'public.customer',
        'public.order_line',
        'public.orders',
        'public.product',
      ]);
      expect(scene.connectors.map((c) => `${c.from} -> ${c.to}`)).toContain('diagram:Orders/public.orders -> diagram:Orders/public.customer');
      const frame = scene.frames.find((f) => f.diagram === 'Orders')!;
      expect(frame).toMatchObject({ schema: 'diagram:Orders', title: 'Orders' });
      const mainRight = Math.max(...scene.tables.filter((t) => !isDiagramCopyId(t.id)).map((t) => t.box.x + t.box.width));
      expect(frame.box.x).toBeGreaterThan(mainRight);
      for (const copy of scene.tables.filter((t) => t.diagram === 'Orders')) {
        expect(copy.frame).toBe('diagram:Orders');
        expect(copy.box.x).toBeGreaterThanOrEqual(frame.box.x);
        expect(copy.box.x + copy.box.width).toBeLessThanOrEqual(frame.box.x + frame.box.width);
      }
      expect(JSON.stringify(compose(shopTables()))).toBe(JSON.stringify(scene));
      expect(baseIdOf(idInDiagram('Orders', 'public.orders'))).toBe('public.orders');
      expect(baseIdOf('public.orders')).toBe('public.orders');
    });

    it('marks a copy when its table changed, and never because its diagram is new', async () => {
      const client = harness.client();
      const { boardId } = await syncBoard(buildTestScene(shopTables(), shopRelations()), client, { boardName: 'named' });
      const added = await syncBoard(compose(shopTables()), client, { boardId: boardId!, mark: 'changed in 2.sql' });
      expect(added.changes.tablesAdded).toEqual([]); // copies are not schema changes
      expect(added.marks.set).toBe(0);

      const changedTables = shopTables().map((t) => (t.name === 'orders' ? { ...t, columns: [...t.columns, 'status text'] } : t));
      const changed = await syncBoard(compose(changedTables), client, { boardId: boardId!, mark: 'changed in 3.sql' });
      expect(changed.changes.tablesChanged).toEqual(['public.orders']);
      const marks = new Map<string, string | null>();
      for (const item of harness.emulator.boards.require(boardId!).items()) {
        const content = typeof item.data.content === 'string' ? item.data.content : '';
        const signature = readSignature(sentText(item));
        if (signature?.kind === 'table') marks.set(signature.tableId, markOnBoard(content));
      }
      expect([...marks].filter(([, mark]) => mark !== null).sort()).toEqual([
        ['diagram:Orders/public.orders', 'changed in 3.sql'],
        ['public.orders', 'changed in 3.sql'],
      ]);
    });
  });
});
