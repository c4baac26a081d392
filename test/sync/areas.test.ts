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
import { duplicatesOf, harnessFor, TEXT_MODES, viewBoard } from './harness.js';

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
