/**
 * Enum legends on the board, in both text modes: drawn once per frame that shows enum types, recognised
 * again (by signature, else by its header within its frame) so a re-run writes nothing, updated in place
 * when the values change, and deleted when no enum type is left to list.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncBoard } from '../../src/board/index.js';
import { canonicalMiroText } from '../../src/board/item-text.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';
import type { BoardScene } from '../../src/model/scene.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { ENUM_LEGEND_HEADER } from '../../src/model/scene.js';
import { harnessFor, sentText, storedText, TEXT_MODES } from './harness.js';
import type { MiroEmulator, StoredItem } from '../../scripts/miro-emulator/index.js';

const PAGILA = resolve(process.cwd(), '../shared/schemas/pagila.sql');
const LAGO = resolve(process.cwd(), '../shared/schemas/lago-api.sql');

function legendItems(emulator: MiroEmulator, boardId: string): StoredItem[] {
  return emulator.boards
    .require(boardId)
    .items()
    .filter((item) => item.type === 'shape' && canonicalMiroText(storedText(item)).startsWith(`${ENUM_LEGEND_HEADER}\n`));
}

const sceneOf = async (schema: DatabaseSchema): Promise<BoardScene> => (await drawSchema(schema)).scene;

/** Pagila with its one enum's values changed (one renamed, one added): the same tables and rows. */
function withRatings(schema: DatabaseSchema, labels: string[]): DatabaseSchema {
  return { ...schema, enums: schema.enums.map((e) => (e.name === 'mpaa_rating' ? { ...e, labels } : e)) };
}

describe.each(TEXT_MODES)('enum legends on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  it.skipIf(!existsSync(PAGILA))('pagila: drawn, recognised on re-runs, updated in place, deleted with the last enum', async () => {
    const pagila = await readSchema({ kind: 'sql', paths: [PAGILA] });
    const scene = await sceneOf(pagila);
    expect(scene.enumLegends.map((l) => l.lines)).toEqual([[ENUM_LEGEND_HEADER, 'public.mpaa_rating: G · PG · PG-13 · R · NC-17']]);

    const first = await syncBoard(scene, harness.client(), { boardName: 'pagila' });
    const boardId = first.boardId!;
    expect(first.counts.creates.legends).toBe(1);
    const [legend, ...others] = legendItems(harness.emulator, boardId);
    expect(others).toEqual([]);
    // The emulator's item changes as the board does: what it was, copied.
    const drawn = { x: legend!.position.x, y: legend!.position.y, width: legend!.geometry.width! };
    expect(canonicalMiroText(storedText(legend!))).toBe(`${ENUM_LEGEND_HEADER}\npublic.mpaa_rating: G · PG · PG-13 · R · NC-17`);
    // Drawn the size the scene measured, where the scene put it (no frames on pagila's board: beside the title).
    expect(legend!.geometry).toMatchObject({ width: scene.enumLegends[0]!.box.width, height: scene.enumLegends[0]!.box.height });

    for (const run of [2, 3]) {
      const again = await syncBoard(scene, harness.client(), { boardId });
      expect(again.writeCalls, `run ${run}`).toBe(0);
      expect(again.changes.enumTypesChanged, `run ${run}`).toEqual([]);
      expect(legendItems(harness.emulator, boardId).map((i) => i.id), `run ${run}`).toEqual([legend!.id]);
    }

    // A user moves the legend: it stays where they put it, through a change of the values too.
    harness.emulator.boards.require(boardId).updateItem(legend!.id, { position: { x: drawn.x + 300, y: drawn.y - 200 } }, 'user');
    const moved = await syncBoard(scene, harness.client(), { boardId });
    expect(moved.writeCalls).toBe(0);

    const changedScene = await sceneOf(withRatings(pagila, ['G', 'PG', 'PG-13', 'R', 'NC-17', 'X']));
    const changed = await syncBoard(changedScene, harness.client(), { boardId });
    expect(changed.changes.enumTypesChanged).toEqual(['public.mpaa_rating']);
    expect(changed.counts.updates.legends).toBe(1);
    expect(changed.writeCalls).toBe(1);
    const [updated] = legendItems(harness.emulator, boardId);
    expect(updated!.id).toBe(legend!.id);
    expect(canonicalMiroText(storedText(updated!))).toContain('public.mpaa_rating: G · PG · PG-13 · R · NC-17 · X');
    // Its top-left corner kept, its width the new text's.
    expect(updated!.geometry.width).toBe(changedScene.enumLegends[0]!.box.width);
    expect(updated!.position.x).toBeCloseTo(drawn.x + 300 + (updated!.geometry.width! - drawn.width) / 2, 1);
    expect((await syncBoard(changedScene, harness.client(), { boardId })).writeCalls).toBe(0);

    // No enum type left on the board: the legend goes, and nothing else is written.
    const withoutEnums = await sceneOf({ ...pagila, enums: [] });
    expect(withoutEnums.enumLegends).toEqual([]);
    // `--no-prune` deletes nothing gone from the schema: the tables kept may still show the type.
    const kept = await syncBoard(withoutEnums, harness.client(), { boardId, prune: false });
    expect(kept.counts.deletes.legends).toBe(0);
    expect(legendItems(harness.emulator, boardId)).toHaveLength(1);
    const dropped = await syncBoard(withoutEnums, harness.client(), { boardId });
    expect(dropped.counts.deletes.legends).toBe(1);
    expect(dropped.changes.enumTypesChanged).toEqual(['public.mpaa_rating']);
    expect(dropped.writeCalls).toBe(1);
    expect(legendItems(harness.emulator, boardId)).toEqual([]);
    expect((await syncBoard(withoutEnums, harness.client(), { boardId })).writeCalls).toBe(0);
  });

  it.skipIf(!existsSync(PAGILA))('a named diagram carries its own legend, inside its frame, recognised on a re-run', async () => {
    const pagila = await readSchema({ kind: 'sql', paths: [PAGILA] });
    const { scene } = await drawSchema(pagila, { diagrams: [{ name: 'Films', tables: ['public.film', 'public.language'] }] });
    expect(scene.enumLegends.map((l) => [l.id, l.frame])).toEqual([
      ['diagram:Films/enums:', 'diagram:Films'],
      ['enums:', ''],
    ]);
    const frame = scene.frames.find((f) => f.schema === 'diagram:Films')!;
    const legend = scene.enumLegends[0]!;
    expect(legend.box.x).toBeGreaterThanOrEqual(frame.box.x);
    expect(legend.box.x + legend.box.width).toBeLessThanOrEqual(frame.box.x + frame.box.width);
    expect(legend.box.y).toBeGreaterThanOrEqual(frame.box.y);
    expect(legend.box.y + legend.box.height).toBeLessThanOrEqual(frame.box.y + frame.box.height);
    const { boardId } = await syncBoard(scene, harness.client(), { boardName: 'films' });
    const items = legendItems(harness.emulator, boardId!);
    expect(items).toHaveLength(2);
    const inFrame = items.find((i) => i.parentId !== undefined)!;
    expect(canonicalMiroText(sentText(harness.emulator.boards.require(boardId!).item(inFrame.parentId!)) ?? '').trim()).toBe('Films');
    const again = await syncBoard(scene, harness.client(), { boardId: boardId! });
    expect(again.writeCalls).toBe(0);
  });

  it.skipIf(!existsSync(LAGO))('lago-api: one legend in each subject area that shows enum types, none on a re-run', async () => {
    const scene = await sceneOf(await readSchema({ kind: 'sql', paths: [LAGO] }));
    expect(scene.enumLegends.length).toBeGreaterThan(5);
    const first = await syncBoard(scene, harness.client(), { boardName: 'lago' });
    const boardId = first.boardId!;
    const items = legendItems(harness.emulator, boardId);
    expect(items).toHaveLength(scene.enumLegends.length);
    const board = harness.emulator.boards.require(boardId);
    const frameTitle = (id: string | undefined): string => canonicalMiroText(sentText(board.item(id!)) ?? '').trim();
    for (const legend of scene.enumLegends) {
      // Each in its own area's frame, with that frame's enum types (two areas may list the same types).
      const title = scene.frames.find((f) => f.schema === legend.frame)!.title;
      const inFrame = items.filter((i) => i.parentId !== undefined && frameTitle(i.parentId) === title);
      expect(inFrame.map((i) => canonicalMiroText(storedText(i))), legend.id).toEqual([legend.lines.join('\n')]);
    }
    const again = await syncBoard(scene, harness.client(), { boardId });
    expect(again.writeCalls).toBe(0);
    expect(legendItems(harness.emulator, boardId).map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
  });
});
