/**
 * The sync against the Miro emulator over real HTTP, through the production client.
 */
import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { MiroClient } from '../../src/miro/client.js';
import { StaticTokenProvider } from '../../src/miro/credentials.js';
import { formatPlan, formatSyncReport, syncBoard } from '../../src/board/index.js';
import { duplicatesOf, harnessFor, startHarness, TEXT_MODES, viewBoard } from './harness.js';
import { buildTestScene, shopRelations, shopTables, type TableSpec } from './scenes.js';

describe.each(TEXT_MODES)('on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  const shop = () => buildTestScene(shopTables(), shopRelations());

  describe('a fresh board', () => {
    it('is created with one shape per table, one connector per relation and a title; a re-run writes nothing', async () => {
      const client = harness.client();
      const report = await syncBoard(shop(), client, { boardName: 'Shop ERD' });
      expect(report.created).toBe(true);
      expect(decodeURIComponent(report.boardUrl!)).toContain(report.boardId!);
      const board = harness.emulator.boards.require(report.boardId!);
      expect(board.name).toBe('Shop ERD');
      // Private unless asked otherwise, described as what it is.
      expect(board.access).toBe('private');
      expect(board.description).toBe('Entity-relationship diagram of test_db, kept current by schema-to-miro');

      const view = viewBoard(harness.emulator, report.boardId!);
      expect([...view.signed.keys()].sort()).toEqual([
        'history',
        'table:public.customer',
        'table:public.order_line',
        'table:public.orders',
        'table:public.product',
        'title',
      ]);
      expect(duplicatesOf(view)).toEqual([]);
      expect(view.links).toEqual([
        'table:public.order_line -> table:public.orders',
        'table:public.order_line -> table:public.product',
        'table:public.orders -> table:public.customer',
      ]);
      expect(report.changes.tablesAdded).toHaveLength(4);
      expect(report.counts.creates).toMatchObject({ tables: 4, relations: 3, titles: 1 });
      // 1 board + 1 bulk (4 shapes) + 1 title + 3 connectors + the Schema history.
      expect(report.writeCalls).toBe(7);
      expect(formatSyncReport(report)).toContain('tables added (4)');

      const again = await syncBoard(shop(), harness.client(), { boardId: report.boardId! });
      expect(again.writeCalls).toBe(0);
      expect(again.planned.calls).toBe(0);
      expect(again.unchanged).toEqual({ tables: 4, relations: 3 });
      expect(formatSyncReport(again)).toContain('no writes');
    });

    it('creates a board with the description and link access asked for', async () => {
      const report = await syncBoard(shop(), harness.client(), { boardDescription: 'From migrations/ of app', boardAccess: 'view' });
      const board = harness.emulator.boards.require(report.boardId!);
      expect([board.description, board.access]).toEqual(['From migrations/ of app', 'view']);
    });

    it('puts each schema in its own frame, tables inside it, and re-runs with zero writes', async () => {
      const tables: TableSpec[] = [
        { schema: 'billing', name: 'invoice', columns: ['pk id integer', 'fk customer_id integer'] },
        { schema: 'billing', name: 'payment', columns: ['pk id integer', 'fk invoice_id integer', 'amount numeric'] },
        { schema: 'public', name: 'customer', columns: ['pk id integer', 'email text'] },
      ];
      const relations = [
        { from: 'billing.invoice', fromColumn: 'customer_id', to: 'public.customer', toColumn: 'id' },
        { from: 'billing.payment', fromColumn: 'invoice_id', to: 'billing.invoice', toColumn: 'id' },
      ];
      const scene = buildTestScene(tables, relations);
      const report = await syncBoard(scene, harness.client(), {});
      const board = harness.emulator.boards.require(report.boardId!);
      const frames = board.items().filter((i) => i.type === 'frame');
      expect(frames).toHaveLength(2);
      const shapes = board.items().filter((i) => i.type === 'shape');
      expect(shapes).toHaveLength(3);
      for (const shape of shapes) expect(shape.parentId).toBeDefined();
      // The table sits on the board where the scene put it, though its position is frame-relative.
      const invoice = scene.tables.find((t) => t.id === 'billing.invoice')!;
      const shape = shapes.find((s) => String(s.data.content).includes('billing.invoice'))!;
      expect(board.absolutePosition(shape)).toEqual({ x: invoice.box.x + invoice.box.width / 2, y: invoice.box.y + invoice.box.height / 2 });

      const again = await syncBoard(scene, harness.client(), { boardId: report.boardId! });
      expect(again.writeCalls).toBe(0);
    });
  });

  describe('schema changes', () => {
    it('deletes the frame of a dropped schema once empty, but keeps one that holds a user item', async () => {
      const three: TableSpec[] = [
        { schema: 'billing', name: 'invoice', columns: ['pk id integer'] },
        { schema: 'crm', name: 'lead', columns: ['pk id integer'] },
        { schema: 'public', name: 'customer', columns: ['pk id integer'] },
      ];
      const first = await syncBoard(buildTestScene(three), harness.client(), {});
      const boardId = first.boardId!;
      const board = harness.emulator.boards.require(boardId);
      const crmFrame = viewBoard(harness.emulator, boardId).signed.get('frame:crm')![0]!;
      const client = harness.client();
      await client.createItems(boardId, [{ type: 'sticky_note', data: { content: 'ask sales', shape: 'square' }, parent: { id: crmFrame } }]);

      const report = await syncBoard(buildTestScene(three.filter((t) => t.schema === 'public')), harness.client(), { boardId });
      expect(report.changes.tablesRemoved).toEqual(['billing.invoice', 'crm.lead']);
      const view = viewBoard(harness.emulator, boardId);
      expect(view.signed.has('frame:billing')).toBe(false);
      expect(view.signed.has('frame:crm')).toBe(true);
      expect(board.items().filter((i) => i.type === 'sticky_note')).toHaveLength(1);
      expect(report.kept.frames).toBe(2); // crm (not empty) and public (single schema: frames no longer drawn, still holds customer)
      expect((await syncBoard(buildTestScene(three.filter((t) => t.schema === 'public')), harness.client(), { boardId })).writeCalls).toBe(0);
    });

    it('creates, updates and deletes only what changed, updating in place', async () => {
      const first = await syncBoard(shop(), harness.client(), {});
      const boardId = first.boardId!;

      const changed = shopTables()
        .filter((t) => t.name !== 'product')
        .map((t) => (t.name === 'customer' ? { ...t, columns: [...t.columns, 'phone text?'] } : t));
      changed.push({ name: 'address', columns: ['pk id integer', 'fk customer_id integer', 'city text'] });
      const relations = shopRelations()
        .filter((r) => r.to !== 'public.product')
        .concat([{ from: 'public.address', fromColumn: 'customer_id', to: 'public.customer', toColumn: 'id' }]);
      const report = await syncBoard(buildTestScene(changed, relations), harness.client(), { boardId });

      expect(report.changes.tablesAdded).toEqual(['public.address']);
      expect(report.changes.tablesRemoved).toEqual(['public.product']);
      expect(report.changes.tablesChanged).toContain('public.customer');
      expect(report.changes.relationsAdded).toHaveLength(1);
      expect(report.changes.relationsRemoved).toEqual(['public.order_line → public.product']);
      // The relation to product goes with its shape: one delete, not two.
      expect(report.counts.deletes).toMatchObject({ tables: 1, relations: 0 });
      expect(harness.emulator.boards.require(boardId).connectors()).toHaveLength(3);
      const view = viewBoard(harness.emulator, boardId);
      expect(view.signed.has('table:public.product')).toBe(false);
      expect(view.signed.has('table:public.address')).toBe(true);
      expect(duplicatesOf(view)).toEqual([]);

      const again = await syncBoard(buildTestScene(changed, relations), harness.client(), { boardId });
      expect(again.writeCalls).toBe(0);
    });

    it('keeps dropped tables with --no-prune', async () => {
      const first = await syncBoard(shop(), harness.client(), {});
      const fewer = shopTables().filter((t) => t.name !== 'product');
      const report = await syncBoard(buildTestScene(fewer, shopRelations().filter((r) => r.to !== 'public.product')), harness.client(), {
        boardId: first.boardId!,
        prune: false,
      });
      expect(report.changes.tablesRemoved).toEqual(['public.product']);
      // Only the title's table count and the Schema history change; nothing is deleted.
      expect(report.counts.deletes).toEqual({ tables: 0, relations: 0, frames: 0, titles: 0, legends: 0, duplicates: 0 });
      expect(report.counts.updates.titles).toBe(1);
      expect(report.writeCalls).toBe(2);
      expect(viewBoard(harness.emulator, first.boardId!).signed.has('table:public.product')).toBe(true);
      expect(formatSyncReport(report)).toContain('--no-prune');
      // The run after it writes nothing, the Schema history included.
      const again = await syncBoard(buildTestScene(fewer, shopRelations().filter((r) => r.to !== 'public.product')), harness.client(), {
        boardId: first.boardId!,
        prune: false,
      });
      expect(again.writeCalls).toBe(0);
      expect(again.history).toBeNull();
    });

    it('prints a plan with --dry-run and writes nothing', async () => {
      const first = await syncBoard(shop(), harness.client(), {});
      const bigger = [...shopTables(), { name: 'review', columns: ['pk id integer', 'fk product_id integer'] }];
      const relations = [...shopRelations(), { from: 'public.review', fromColumn: 'product_id', to: 'public.product', toColumn: 'id' }];
      const before = harness.emulator.stats.writes;
      const report = await syncBoard(buildTestScene(bigger, relations), harness.client(), { boardId: first.boardId!, dryRun: true });
      expect(harness.emulator.stats.writes).toBe(before);
      expect(report.writeCalls).toBe(0);
      expect(report.planned.calls).toBeGreaterThanOrEqual(2);
      expect(report.planned.credits).toBeGreaterThanOrEqual(200);
      const text = formatPlan(report);
      expect(text).toContain('create: 1 table, 1 relation');
      expect(text).toContain('credits');
      expect(text).toContain('Dry run');

      const fresh = await syncBoard(shop(), harness.client(), { dryRun: true, boardName: 'Never made' });
      expect(fresh.boardId).toBeNull();
      expect(formatPlan(fresh)).toContain('new board "Never made"');
    });
  });

  describe('what users do on the board', () => {
    it('never touches items the user made, and keeps tables where the user moved them', async () => {
      const first = await syncBoard(shop(), harness.client(), {});
      const boardId = first.boardId!;
      const client = harness.client();
      const sticky = (await client.createItems(boardId, [{ type: 'sticky_note', data: { content: 'remember', shape: 'square' }, position: { x: 5000, y: 5000 } }]))[0]!;
      const items = await client.listItems(boardId, { type: 'shape' });
      const customer = items.find((i) => JSON.stringify(i.data).includes('customer'))!;
      const orders = items.find((i) => JSON.stringify(i.data).includes('>orders<'))!;
      // The user moves a table, draws their own arrow between two tables, and recolours one.
      await client.updateShape(boardId, customer.id, { position: { x: 3000, y: -2000 }, style: { fillColor: '#ffcee0' } });
      const arrow = await client.createConnector(boardId, { startItem: { id: customer.id }, endItem: { id: orders.id } });

      const changed = shopTables().map((t) => (t.name === 'customer' ? { ...t, columns: [...t.columns, 'vip boolean'] } : t));
      const report = await syncBoard(buildTestScene(changed, shopRelations()), harness.client(), { boardId });
      expect(report.changes.tablesChanged).toEqual(['public.customer']);
      expect(report.foreign.items).toBe(1);
      expect(report.foreign.connectors).toBe(1);

      const board = harness.emulator.boards.require(boardId);
      const movedShape = board.item(customer.id);
      expect(String(movedShape.data.content)).toContain('vip');
      // Grown downwards from the top-left corner the user chose; colour left as the user set it.
      const size = board.size(movedShape);
      const before = { x: 3000 - customer.geometry!.width! / 2, y: -2000 - customer.geometry!.height! / 2 };
      const after = board.absolutePosition(movedShape);
      expect(after.x - size.width / 2).toBeCloseTo(before.x, 1);
      expect(after.y - size.height / 2).toBeCloseTo(before.y, 1);
      expect(movedShape.style.fillColor).toBe('#ffcee0');
      expect(board.item(sticky.id).data.content).toBe('remember');
      expect(board.connector(arrow.id).style.endStrokeCap).toBe('stealth');

      // --relayout puts it back where the layout says.
      const relayout = await syncBoard(buildTestScene(changed, shopRelations()), harness.client(), { boardId, relayout: true });
      expect(relayout.counts.updates.tables).toBeGreaterThanOrEqual(1);
      // The summary says what moved, counted right, and that the schema did not change.
      expect(relayout.moved.tables).toBe(relayout.counts.updates.tables);
      expect(relayout.changes.relationsChanged).toEqual([]);
      const text = formatSyncReport(relayout);
      const [, same, moved] = /^Schema: no changes \((\d+) tables? and \d+ relations? as on the board; (\d+) tables? and \d+ relations? moved\)$/m.exec(text) ?? [];
      expect(Number(moved), text).toBe(relayout.moved.tables);
      expect(Number(same) + Number(moved)).toBe(4);
      expect(text).not.toMatch(/\b1 (tables|relations)\b/);
      const scene = buildTestScene(changed, shopRelations());
      const wanted = scene.tables.find((t) => t.id === 'public.customer')!.box;
      expect(board.absolutePosition(board.item(customer.id))).toEqual({ x: wanted.x + wanted.width / 2, y: wanted.y + wanted.height / 2 });
      const relaidOut = await syncBoard(scene, harness.client(), { boardId, relayout: true });
      expect(relaidOut.writeCalls).toBe(0);
      expect(board.item(sticky.id).data.content).toBe('remember');
    });

    it('places new tables where they overlap nothing', async () => {
      const first = await syncBoard(shop(), harness.client(), {});
      const boardId = first.boardId!;
      const bigger = [...shopTables(), { name: 'review', columns: ['pk id integer', 'fk product_id integer'] }];
      const scene = buildTestScene(bigger, shopRelations());
      const wanted = scene.tables.find((t) => t.id === 'public.review')!.box;
      // The user put a large shape exactly where the layout wants the new table.
      const client = harness.client();
      await client.createShape(boardId, { data: { shape: 'circle', content: 'mine' }, position: { x: wanted.x + wanted.width / 2, y: wanted.y + wanted.height / 2 }, geometry: { width: 400, height: 400 } });
      await syncBoard(scene, harness.client(), { boardId });
      const board = harness.emulator.boards.require(boardId);
      const boxes = board.items().filter((i) => i.type !== 'frame').map((i) => {
        const c = board.absolutePosition(i);
        const s = board.size(i);
        return { id: i.id, x: c.x - s.width / 2, y: c.y - s.height / 2, w: s.width, h: s.height };
      });
      for (const a of boxes) {
        for (const b of boxes) {
          if (a.id >= b.id) continue;
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
        }
      }
    });

    it('leaves a pasted copy of a table alone and removes exact duplicates', async () => {
      const first = await syncBoard(shop(), harness.client(), {});
      const boardId = first.boardId!;
      const board = harness.emulator.boards.require(boardId);
      const original = board.items().find((i) => i.type === 'shape' && String(i.data.content).includes('product'))!;
      const client = harness.client();
      const copyOf = (dx: number) => ({
        type: 'shape' as const,
        data: { shape: 'rectangle', content: String(original.data.content) },
        position: { x: original.position.x + dx, y: original.position.y },
        geometry: { width: original.geometry.width!, height: original.geometry.height! },
      });
      const [pasted, duplicate] = await client.createItems(boardId, [copyOf(600), copyOf(0)]);
      const report = await syncBoard(shop(), harness.client(), { boardId });
      expect(report.counts.deletes.duplicates).toBe(1);
      expect(board.items().some((i) => i.id === duplicate!.id)).toBe(false);
      expect(board.item(pasted!.id).data.content).toBe(original.data.content);
      expect(board.item(original.id)).toBeDefined();
      expect((await syncBoard(shop(), harness.client(), { boardId })).writeCalls).toBe(0);
    });
  });

  describe('failures', () => {
    it('answers a bad token and a missing board clearly', async () => {
      const badClient = new MiroClient({ baseUrl: harness.emulator.url, credentials: new StaticTokenProvider('nope', 'MIRO_ACCESS_TOKEN') });
      const bad = await syncBoard(shop(), badClient, { boardId: 'uXjVnothere=' }).catch((e: unknown) => e);
      badClient.close();
      expect(bad).toBeInstanceOf(SchemaToMiroError);
      expect((bad as SchemaToMiroError).kind).toBe('miro_auth');
      expect((bad as Error).message).toContain('MIRO_ACCESS_TOKEN');
      expect((bad as Error).message).not.toContain('nope');

      const missing = await syncBoard(shop(), harness.client(), { boardId: 'uXjVnothere=' }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(SchemaToMiroError);
      expect((missing as SchemaToMiroError).kind).toBe('miro');
      expect((missing as Error).message).toContain('uXjVnothere=');
    });

    it('survives random 5xx answers with nothing duplicated or lost', async () => {
      const first = await syncBoard(shop(), harness.client(), {});
      harness.emulator.faults.failRandomly(0.3, { seed: 7, status: 503 });
      try {
        const bigger = [...shopTables(), ...extraTables(12)];
        await syncBoard(buildTestScene(bigger, shopRelations()), harness.client(), { boardId: first.boardId! });
      } finally {
        harness.emulator.faults.clear();
      }
      const view = viewBoard(harness.emulator, first.boardId!);
      expect(duplicatesOf(view)).toEqual([]);
      expect([...view.signed.keys()].filter((k) => k.startsWith('table:'))).toHaveLength(16);
      expect(view.connectors).toBe(3);
    });

    it('converges after a run killed halfway, with no duplicates', async () => {
      const tables = [...shopTables(), ...extraTables(45)];
      const scene = buildTestScene(tables, shopRelations());
      const first = await syncBoard(buildTestScene(shopTables().slice(0, 1)), harness.client(), {});
      const boardId = first.boardId!;
      harness.emulator.faults.crashAfterWrites(2);
      const killed = await syncBoard(scene, harness.client({ maxRetries: 1 }), { boardId }).catch((e: unknown) => e);
      harness.emulator.faults.clear();
      expect(killed).toBeInstanceOf(SchemaToMiroError);

      const rerun = await syncBoard(scene, harness.client(), { boardId });
      expect(rerun.counts.creates.tables).toBeLessThan(49);
      const view = viewBoard(harness.emulator, boardId);
      expect(duplicatesOf(view)).toEqual([]);
      expect([...view.signed.keys()].filter((k) => k.startsWith('table:'))).toHaveLength(49);
      expect(view.connectors).toBe(3);
      expect((await syncBoard(scene, harness.client(), { boardId })).writeCalls).toBe(0);
    });

    it('reconciles a bulk create whose answer was lost after Miro applied it', async () => {
      const first = await syncBoard(buildTestScene(shopTables().slice(0, 1)), harness.client(), {});
      const boardId = first.boardId!;
      harness.emulator.faults.dropNext(1, { operationId: 'create-items', afterHandling: true });
      const lost = await syncBoard(shop(), harness.client(), { boardId }).catch((e: unknown) => e);
      harness.emulator.faults.clear();
      expect(lost).toBeInstanceOf(SchemaToMiroError);
      await syncBoard(shop(), harness.client(), { boardId });
      const view = viewBoard(harness.emulator, boardId);
      expect(duplicatesOf(view)).toEqual([]);
      expect(view.links).toHaveLength(3);
    });
  });

  describe('rate limits', () => {
    it('rides out a 429 storm: two runs sharing one token under a tight credit budget', async () => {
      const tight = await startHarness({ creditsPerMinute: 4000, windowMs: 2000, textMode });
      try {
        const tables = [...shopTables(), ...extraTables(56)];
        // Each client counts only its own spending, so the other's calls surprise it with 429s.
        const [a, b] = await Promise.all([
          syncBoard(buildTestScene(tables, shopRelations()), tight.client(), {}),
          syncBoard(buildTestScene(tables.slice(0, 30), shopRelations()), tight.client(), {}),
        ]);
        for (const [report, count] of [[a, 60], [b, 30]] as const) {
          const view = viewBoard(tight.emulator, report.boardId!);
          expect(duplicatesOf(view)).toEqual([]);
          expect([...view.signed.keys()].filter((k) => k.startsWith('table:'))).toHaveLength(count);
          expect(view.connectors).toBe(3);
        }
        expect(tight.emulator.stats.rejected429 + a.rateLimitWaits + b.rateLimitWaits).toBeGreaterThan(0);
      } finally {
        await tight.close();
      }
    }, 30_000);
  });
});

function extraTables(count: number): TableSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `extra_${String(i).padStart(2, '0')}`,
    columns: ['pk id integer', `value_${i} text`],
  }));
}
