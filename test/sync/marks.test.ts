/**
 * Change marks on the board: tables a run adds or changes carry "changed in <migration>" in their header and
 * a coloured border; the next run that changes nothing in them clears the mark; the run after writes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { SceneTable } from '../../src/model/scene.js';
import { tableContent } from '../../src/board/items.js';
import { canonicalMiroText } from '../../src/board/item-text.js';
import { readSignature } from '../../src/board/signature.js';
import { syncBoard } from '../../src/board/index.js';
import { MARK_COLOR, markOnBoard, markScene, withoutMarks } from '../../src/board/marks.js';
import { readBoardState } from '../../src/board/board-state.js';
import { harnessFor, sentText, TEXT_MODES } from './harness.js';
import { buildTestScene, shopRelations, shopTables, type TableSpec } from './scenes.js';

describe.each(TEXT_MODES)('on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  function shapes(boardId: string) {
    const out = new Map<string, { content: string; style: Record<string, unknown>; width: number; height: number }>();
    for (const item of harness.emulator.boards.require(boardId).items()) {
      const content = typeof item.data.content === 'string' ? item.data.content : '';
      const signature = readSignature(sentText(item));
      if (signature?.kind !== 'table') continue;
      out.set(signature.tableId, { content, style: item.style, width: item.geometry.width ?? 0, height: item.geometry.height ?? 0 });
    }
    return out;
  }

  function markedConnectors(boardId: string): number {
    return harness.emulator.boards.require(boardId).connectors().filter((c) => c.style.strokeColor === MARK_COLOR).length;
  }

  function connectorEnds(boardId: string): string[] {
    return harness.emulator.boards
      .require(boardId)
      .connectors()
      .map((c) => `${c.startItem.position.x},${c.startItem.position.y} ${c.endItem.position.x},${c.endItem.position.y}`)
      .sort();
  }

  describe('change marks', () => {
    it('marks added and changed tables, then clears them on the next quiet run, then writes nothing', async () => {
      const client = harness.client();
      const created = await syncBoard(buildTestScene(shopTables(), shopRelations()), client, { boardName: 'marks', mark: 'changed in 1_init.sql' });
      const boardId = created.boardId!;
      // The first drawing marks nothing: every table would be "changed".
      expect(created.marks.set).toBe(0);
      expect([...shapes(boardId).values()].every((s) => markOnBoard(s.content) === null)).toBe(true);

      const grown: TableSpec[] = shopTables().map((t) => (t.name === 'product' ? { ...t, columns: [...t.columns, 'weight numeric?'] } : t));
      grown.push({ name: 'review', columns: ['pk id integer', 'stars integer'] });
      const scene = buildTestScene(grown, shopRelations());
      const plainBefore = new Map([...shapes(boardId)].map(([id, s]) => [id, s]));

      const changed = await syncBoard(scene, client, { boardId, mark: 'changed in 2_reviews.sql' });
      expect(changed.changes.tablesAdded).toEqual(['public.review']);
      expect(changed.changes.tablesChanged).toEqual(['public.product']);
      expect(changed.marks).toEqual({ set: 2, cleared: 0 });
      // order_line -> product moved with product's taller box: an update, not a change of the relation.
      expect(markedConnectors(boardId)).toBe(0);
      const marked = shapes(boardId);
      for (const id of ['public.review', 'public.product']) {
        const shape = marked.get(id)!;
        expect(markOnBoard(shape.content)).toBe('changed in 2_reviews.sql');
        expect(shape.style).toMatchObject({ borderColor: '#d97706', borderWidth: '6' });
        // The mark shares the header line: the rows below keep their places, only the box grows wider.
        const [header, ...rows] = canonicalMiroText(shape.content).split('\n');
        expect(header).toMatch(/ changed in 2_reviews\.sql/);
        expect(rows.length).toBe(scene.tables.find((t) => t.id === id)!.rows.length);
        expect(shape.width).toBeGreaterThanOrEqual(Math.ceil(24 + [...`${id.split('.')[1]} changed in 2_reviews.sql`].length * 8.4) - 1);
      }
      // Unchanged tables stay as they were; only the relation into product's taller box moved.
      for (const id of ['public.customer', 'public.orders', 'public.order_line']) expect(marked.get(id)).toEqual(plainBefore.get(id));
      expect(changed.counts.updates.relations).toBe(1);
      expect(changed.changes.relationsChanged).toEqual([]);
      const endsMarked = connectorEnds(boardId);

      const quiet = await syncBoard(scene, client, { boardId, mark: 'changed in 2_reviews.sql' });
      expect(quiet.changes.tablesChanged).toEqual([]);
      expect(quiet.marks).toEqual({ set: 0, cleared: 2 });
      expect(quiet.counts.updates.tables).toBe(2);
      // Clearing the tables' marks moves no connector end: the mark never shifted a row.
      expect(quiet.counts.updates.relations).toBe(0);
      expect(markedConnectors(boardId)).toBe(0);
      expect(connectorEnds(boardId)).toEqual(endsMarked);
      const cleared = shapes(boardId);
      for (const id of ['public.review', 'public.product']) {
        expect(markOnBoard(cleared.get(id)!.content)).toBeNull();
        expect(cleared.get(id)!.style).toMatchObject({ borderColor: '#4f46e5', borderWidth: '2' });
        expect(cleared.get(id)!.width).toBe(scene.tables.find((t) => t.id === id)!.box.width);
      }

      const writes = harness.emulator.stats.writes;
      const last = await syncBoard(scene, client, { boardId, mark: 'changed in 2_reviews.sql' });
      expect(last.writeCalls).toBe(0);
      expect(harness.emulator.stats.writes).toBe(writes);
    });

    it('a relation whose connector only moved is an update, not a change, and gets no mark', async () => {
      const client = harness.client();
      const created = await syncBoard(buildTestScene(shopTables(), shopRelations()), client, { boardName: 'moved', mark: 'changed in 1.sql' });
      const boardId = created.boardId!;
      // A column above orders.customer_id and one below customer.id: both ends' rows shift on the board
      // (the attach points move), but the relation joins the same columns with the same caps.
      const tables = shopTables().map((t) =>
        t.name === 'orders'
          ? { ...t, columns: ['pk id integer', 'channel text', ...t.columns.slice(1)] }
          : t.name === 'customer'
            ? { ...t, columns: [...t.columns, 'phone text?'] }
            : t,
      );
      const moved = await syncBoard(buildTestScene(tables, shopRelations()), client, { boardId, mark: 'changed in 2.sql' });
      expect(moved.counts.updates.relations).toBeGreaterThan(0);
      expect(moved.changes.tablesChanged).toEqual(['public.customer', 'public.orders']);
      expect(moved.changes.relationsChanged).toEqual([]);
      expect(markedConnectors(boardId)).toBe(0);

      // Now the relation itself changes: order_line.product_id references product.sku instead of product.id.
      const relations = shopRelations().map((r) => (r.fromColumn === 'product_id' ? { ...r, toColumn: 'sku' } : r));
      const retargeted = await syncBoard(buildTestScene(tables, relations), client, { boardId, mark: 'changed in 3.sql' });
      expect(retargeted.changes.relationsChanged).toHaveLength(1);
      expect(retargeted.changes.tablesChanged).toEqual([]);
      expect(markedConnectors(boardId)).toBe(1);
      // The next quiet run gives the relation its colour back.
      const quiet = await syncBoard(buildTestScene(tables, relations), client, { boardId, mark: 'changed in 3.sql' });
      expect(quiet.marks.cleared).toBeGreaterThanOrEqual(1);
      expect(quiet.counts.updates.relations).toBe(1);
      expect(markedConnectors(boardId)).toBe(0);
    });

    it('a dry run and a check see marks as no schema change', async () => {
      const scene = buildTestScene(shopTables(), shopRelations());
      const marked = markScene(scene, new Set(['public.orders']), 'changed 2026-01-02');
      const client = harness.client();
      const { boardId } = await syncBoard(marked, client, { boardName: 'marked' });
      const report = await syncBoard(scene, client, { boardId: boardId!, check: true });
      expect(report.inSync).toBe(true);
      expect(report.changes.tablesChanged).toEqual([]);
      expect(report.planned.calls).toBe(1); // clearing the mark, which --check does not count
    });

    it('reading a board without its marks gives the unmarked content back', () => {
      const scene = buildTestScene(shopTables());
      const marked = markScene(scene, new Set(['public.orders']), 'changed in <a & b>');
      const state = readBoardState(
        marked.tables.map((t, i) => ({
          id: String(i + 1),
          type: 'shape',
          data: { content: contentOf(t) },
          position: { x: 0, y: 0, origin: 'center' },
          geometry: { width: t.box.width, height: t.box.height },
        })) as Parameters<typeof readBoardState>[0],
        [],
      );
      expect(markOnBoard(state.tables.get('public.orders')!.content)).toBe('changed in <a & b>');
      const plain = withoutMarks(state);
      expect(plain.tables.get('public.orders')!.content).toBe(contentOf(scene.tables.find((t) => t.id === 'public.orders')!));
    });
  });

  function contentOf(table: SceneTable): string {
    return tableContent(table);
  }
});
