/**
 * A large generated schema (subject areas, hubs, reference boxes) through the whole pipeline onto an
 * emulated board: one frame per area, reference boxes (copies of one beside different clusters of its
 * referencing tables included) as dashed shapes that their frame's relations end at, the title counting
 * the areas; then a re-run with zero writes, in both text modes (a normalising board drops the signatures,
 * and the alike-looking copies are known by their places).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncBoard } from '../../src/board/index.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';
import { renderHtml } from '../../src/render/index.js';
import type { DrawnSchema } from '../../src/pipeline.js';
import { syntheticSchemaSql } from '../../scripts/synthetic-schema.js';
import type { StoredItem } from '../../scripts/miro-emulator/index.js';
import { duplicatesOf, harnessFor, startHarness, TEXT_MODES, viewBoard, type Harness } from './harness.js';

let drawn: DrawnSchema;
const dir = mkdtempSync(join(tmpdir(), 's2m-areas-'));

beforeAll(async () => {
  const file = join(dir, 'modular.sql');
  writeFileSync(file, syntheticSchemaSql({ tables: 120, schemas: 3, seed: 2, profile: 'modular' }));
  drawn = await drawSchema(await readSchema({ kind: 'sql', paths: [file] }));
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a board of subject areas', () => {
  it('describes one frame per area, reference boxes in their frames, and counts the areas in the title', () => {
    const { scene, layout } = drawn;
    const areaFrames = scene.frames.filter((f) => f.area !== undefined);
    expect(areaFrames).toHaveLength(layout.frames.filter((f) => f.area).length);
    expect(areaFrames.length).toBeGreaterThan(5);
    expect(scene.title.lines[1]).toContain(`${areaFrames.length} subject areas`);
    const references = scene.tables.filter((t) => t.reference !== undefined);
    expect(references.length).toBe(layout.references?.length);
    const frameKeys = new Set(scene.frames.map((f) => f.schema));
    for (const box of references) {
      expect(frameKeys.has(box.frame ?? ''), box.id).toBe(true);
      expect(frameKeys.has(box.reference?.targetFrame ?? ''), box.id).toBe(true);
      expect(box.rows[0]?.label).toBe(`→ see ${box.reference?.targetTitle}`);
    }
    // Connectors that end at a reference box come from a table of the box's frame.
    const tables = new Map(scene.tables.map((t) => [t.id, t]));
    for (const c of scene.connectors.filter((x) => tables.get(x.to)?.reference)) {
      expect(tables.get(c.from)?.frame, c.id).toBe(tables.get(c.to)?.frame);
    }
  });

  it('draws reference boxes in the preview with a link to the table they stand for', () => {
    const html = renderHtml(drawn.scene);
    const box = drawn.scene.tables.find((t) => t.reference !== undefined);
    expect(box).toBeDefined();
    expect(html).toContain(`data-table-id="${box?.id}"`);
    expect(html).toContain(`data-reference-to="${box?.reference?.table}"`);
  });

  it('has copies of a reference box in one frame, where far tables reference one table', () => {
    const copies = drawn.scene.tables.filter((t) => t.reference !== undefined && t.id.includes('~'));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const first = drawn.scene.tables.find((t) => t.id === copy.id.split('~')[0]);
      expect(first?.frame, copy.id).toBe(copy.frame);
      expect(first?.header, copy.id).toBe(copy.header);
      expect(drawn.scene.connectors.some((c) => c.to === copy.id), copy.id).toBe(true);
    }
  });
});

describe.each(TEXT_MODES)('a board of subject areas, %s text', (mode) => {
  const harness = harnessFor(mode);

  it('syncs to a fresh board (dashed reference shapes, connectors at them), then re-runs with zero writes', async () => {
    const { scene } = drawn;
    const report = await syncBoard(scene, harness.client(), {});
    const view = viewBoard(harness.emulator, report.boardId!);
    expect(duplicatesOf(view)).toEqual([]);
    expect([...view.signed.keys()].filter((k) => k.startsWith('frame:'))).toHaveLength(scene.frames.length);
    const references = scene.tables.filter((t) => t.reference !== undefined);
    for (const box of references.slice(0, 5)) {
      const [itemId] = view.signed.get(`table:${box.id}`) ?? [];
      const item = harness.emulator.boards.require(report.boardId!).items().find((i) => i.id === itemId);
      expect((item?.style as { borderStyle?: string } | undefined)?.borderStyle, box.id).toBe('dashed');
    }
    expect(view.links.some((link) => link.includes('-> table:ref:'))).toBe(true);
    // Reference boxes are not tables of the schema: the report counts the schema's tables.
    expect(report.changes.tablesAdded.some((id) => id.startsWith('ref:'))).toBe(false);

    // Every copy is a shape of its own, and its frame's connectors end at it.
    const copies = references.filter((t) => t.id.includes('~'));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(view.links.some((link) => link.endsWith(`-> table:${copy.id}`)), copy.id).toBe(true);

    const again = await syncBoard(scene, harness.client(), { boardId: report.boardId! });
    expect(again.writeCalls).toBe(0);
    expect(duplicatesOf(viewBoard(harness.emulator, report.boardId!))).toEqual([]);
  }, 120_000);
});

/**
 * On a board of areas, what a user did stays: a table they moved stays where they put it, and a re-run
 * with a new table in an area and a new area places the new items without moving any table already there;
 * `--relayout` then takes the layout's places for all of them.
 */
for (const textMode of TEXT_MODES) {
  describe(`a user's board of subject areas (${textMode} text)`, () => {
    const board = harnessFor(textMode);
    const folder = mkdtempSync(join(tmpdir(), 's2m-areas-user-'));
    const base = join(folder, 'base.sql');
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('keeps a moved table and every other table in place, places new tables and areas beside them, and --relayout takes the layout', async () => {
      writeFileSync(base, syntheticSchemaSql({ tables: 60, schemas: 1, seed: 3, profile: 'modular' }));
      const first = await drawSchema(await readSchema({ kind: 'sql', paths: [base] }));
      const areas = first.diagram.areas ?? [];
      expect(areas.length).toBeGreaterThan(3);
      const report = await syncBoard(first.scene, board.client(), {});
      const boardId = report.boardId!;
      const store = board.emulator.boards.require(boardId);
      const itemOf = (tableId: string): StoredItem => {
        const [itemId] = viewBoard(board.emulator, boardId).signed.get(`table:${tableId}`) ?? [];
        return store.item(itemId ?? 'missing');
      };
      const placeOf = (tableId: string): { x: number; y: number } => store.absolutePosition(itemOf(tableId));

      // The user moves an ordinary table of an area a little, inside its frame.
      const hubs = new Set(first.diagram.hubs ?? []);
      const area = areas.find((a) => a.tables.length >= 4 && a.tables.some((id) => !hubs.has(id)))!;
      const moved = area.tables.find((id) => !hubs.has(id))!;
      const item = itemOf(moved);
      expect(item.parentId, 'a table of an area is in its frame').toBeDefined();
      await board.client().updateShape(boardId, item.id, { position: { x: item.position.x + 60, y: item.position.y + 40 } });
      const userPlace = placeOf(moved);
      const before = new Map(first.scene.tables.filter((t) => !t.reference).map((t) => [t.id, placeOf(t.id)]));
      expect(before.get(moved)).toEqual(userPlace);

      // A migration: a table in that area, and three tables of their own (a new area).
      const [schema, name] = moved.split('.') as [string, string];
      const grown = join(folder, 'grown.sql');
      writeFileSync(
        grown,
        [
          `CREATE TABLE ${schema}.${name}_notes (id bigint PRIMARY KEY, ${name}_id bigint REFERENCES ${schema}.${name} (id), body text);`,
          'CREATE TABLE public.zz_kits (id bigint PRIMARY KEY, name text);',
          'CREATE TABLE public.zz_kit_parts (id bigint PRIMARY KEY, kit_id bigint REFERENCES public.zz_kits (id), part text);',
          'CREATE TABLE public.zz_kit_labels (id bigint PRIMARY KEY, kit_id bigint REFERENCES public.zz_kits (id), label text);',
        ].join('\n'),
      );
      const second = await drawSchema(await readSchema({ kind: 'sql', paths: [base, grown] }));
      const newArea = (second.diagram.areas ?? []).find((a) => a.tables.includes('public.zz_kits'));
      expect(newArea?.tables).toEqual(['public.zz_kit_labels', 'public.zz_kit_parts', 'public.zz_kits']);
      expect((first.diagram.areas ?? []).some((a) => a.key === newArea?.key)).toBe(false);
      const rerun = await syncBoard(second.scene, board.client(), { boardId });
      expect(rerun.changes.tablesAdded.sort()).toEqual([`${schema}.${name}_notes`, 'public.zz_kit_labels', 'public.zz_kit_parts', 'public.zz_kits']);
      const view = viewBoard(board.emulator, boardId);
      expect(duplicatesOf(view)).toEqual([]);
      for (const frame of second.scene.frames) expect(view.signed.has(`frame:${frame.schema}`), frame.schema).toBe(true);
      // Not one table that was on the board moved, the user's included.
      const after = new Map([...before.keys()].map((id) => [id, placeOf(id)]));
      expect(after).toEqual(before);
      // The new tables overlap none of the tables that were there.
      const boxOf = (id: string): { x: number; y: number; width: number; height: number } => {
        const centre = placeOf(id);
        const size = store.size(itemOf(id));
        return { x: centre.x - size.width / 2, y: centre.y - size.height / 2, ...size };
      };
      const overlaps = (a: ReturnType<typeof boxOf>, b: ReturnType<typeof boxOf>): boolean =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      for (const added of rerun.changes.tablesAdded) {
        for (const old of before.keys()) expect(overlaps(boxOf(added), boxOf(old)), `${added} on ${old}`).toBe(false);
      }

      // --relayout: every table, reference boxes included, where the layout puts it.
      const relayout = await syncBoard(second.scene, board.client(), { boardId, relayout: true });
      expect(relayout.moved.tables).toBeGreaterThanOrEqual(1);
      for (const table of second.scene.tables) {
        const centre = placeOf(table.id);
        expect({ x: Math.round(centre.x), y: Math.round(centre.y) }, table.id).toEqual({
          x: Math.round(table.box.x + table.box.width / 2),
          y: Math.round(table.box.y + table.box.height / 2),
        });
      }
      const again = await syncBoard(second.scene, board.client(), { boardId, relayout: true });
      expect(again.writeCalls).toBe(0);
    }, 240_000);
  });
}
