/**
 * Identity in layers: the signature first; an item whose signature is gone is recognised by what it shows
 * (adopted, never drawn twice); several items claiming one table are settled deterministically and
 * reported; a board that shows our tables in a form nobody foresaw stops the run instead of doubling it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';
import { tableContent } from '../../src/board/items.js';
import { canonicalMiroText } from '../../src/board/item-text.js';
import { syncBoard } from '../../src/board/index.js';
import { duplicatesOf, harnessFor, storedText, TEXT_MODES, viewBoard } from './harness.js';
import { buildTestScene, shopRelations, shopTables } from './scenes.js';
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';

const PAGILA = resolve(process.cwd(), '../shared/schemas/pagila.sql');
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const shop = () => buildTestScene(shopTables(), shopRelations());

function itemCounts(emulator: MiroEmulator, boardId: string): Record<string, number> {
  const board = emulator.boards.require(boardId);
  const counts: Record<string, number> = { connectors: board.connectors().length };
  for (const item of board.items()) counts[item.type] = (counts[item.type] ?? 0) + 1;
  return counts;
}

/** What a user (or an editor) does to an item's text on the board: goes through the board's own storage. */
function rewrite(emulator: MiroEmulator, boardId: string, itemId: string, text: (stored: string) => string): void {
  const board = emulator.boards.require(boardId);
  const item = board.item(itemId);
  const key = item.type === 'frame' ? 'title' : 'content';
  board.updateItem(itemId, { data: { [key]: text(storedText(item)) } }, 'user');
}

describe('a name copied off the board', () => {
  it('carries no invisible characters: the signature sits after the last row, away from the header', () => {
    const table = shop().tables.find((t) => t.id === 'public.orders')!;
    const content = tableContent(table);
    const [header] = content.split('</p>');
    expect(header).toBe('<p><strong>orders</strong>');
    expect(INVISIBLE.test(header!)).toBe(false);
    expect(INVISIBLE.test(content)).toBe(true);
    expect(canonicalMiroText(content).split('\n')[0]).toBe('orders');
  });
});

describe.each(TEXT_MODES)('on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  it.skipIf(!existsSync(PAGILA))('pagila three times: the same items each time, no writes on runs 2 and 3', async () => {
    const { scene } = await drawSchema(await readSchema({ kind: 'sql', paths: [PAGILA] }));
    const first = await syncBoard(scene, harness.client(), { boardName: 'pagila' });
    const boardId = first.boardId!;
    const counts = itemCounts(harness.emulator, boardId);
    expect(counts.shape).toBeGreaterThanOrEqual(scene.tables.length);
    for (const run of [2, 3]) {
      const again = await syncBoard(scene, harness.client(), { boardId });
      expect(again.writeCalls, `run ${run}`).toBe(0);
      expect(itemCounts(harness.emulator, boardId), `run ${run}`).toEqual(counts);
      expect(again.identity.adopted.length, `run ${run}`).toBe(textMode === 'normalising' ? scene.tables.length + scene.frames.length + 1 + scene.enumLegends.length : 0);
    }
    expect(duplicatesOf(viewBoard(harness.emulator, boardId))).toEqual([]);
  });

  it('adopts items whose signature is gone, writes their signature again where the board keeps it, and never duplicates', async () => {
    const { boardId } = await syncBoard(shop(), harness.client(), {});
    const board = harness.emulator.boards.require(boardId!);
    const shapes = board.items().filter((i) => i.type === 'shape');
    // One table loses its signature (a user retyped its text): only that one is recognised by its header.
    rewrite(harness.emulator, boardId!, shapes[0]!.id, (text) => text.replace(/\p{Default_Ignorable_Code_Point}/gu, ''));
    const report = await syncBoard(shop(), harness.client(), { boardId: boardId! });
    expect(report.counts.creates).toMatchObject({ tables: 0, relations: 0, titles: 0 });
    expect(report.identity.adopted).toHaveLength(textMode === 'normalising' ? 5 : 1);
    // A board that keeps signatures gets the lost one back (one update); one that drops them is not written in vain.
    expect(report.writeCalls).toBe(textMode === 'normalising' ? 0 : 1);
    const after = await syncBoard(shop(), harness.client(), { boardId: boardId! });
    expect(after.writeCalls).toBe(0);
    expect(after.identity.adopted).toHaveLength(textMode === 'normalising' ? 5 : 0);
    expect(duplicatesOf(viewBoard(harness.emulator, boardId!))).toEqual([]);
    // The title and the Schema history.
    expect(itemCounts(harness.emulator, boardId!)).toEqual({ connectors: 3, shape: 4, text: 2 });
  });

  it('settles two items claiming one table deterministically, reports the other, and deletes neither', async () => {
    const { boardId } = await syncBoard(shop(), harness.client(), {});
    const board = harness.emulator.boards.require(boardId!);
    const original = board.items().find((i) => i.type === 'shape' && storedText(i).includes('>customer<'))!;
    const [copy] = await harness.client().createItems(boardId!, [
      {
        type: 'shape',
        data: { shape: 'rectangle', content: storedText(original) },
        position: { x: original.position.x + 900, y: original.position.y },
        geometry: { width: original.geometry.width!, height: original.geometry.height! },
      },
    ]);
    const report = await syncBoard(shop(), harness.client(), { boardId: boardId! });
    expect(report.writeCalls).toBe(0);
    expect(report.identity.claims).toEqual([{ key: 'table:public.customer', keptItemId: original.id, otherItemIds: [copy!.id] }]);
    expect(report.foreign.items).toBe(1);
    const again = await syncBoard(shop(), harness.client(), { boardId: boardId! });
    expect(again.identity.claims).toEqual(report.identity.claims);
    expect(board.item(copy!.id)).toBeDefined();
    expect(board.item(original.id)).toBeDefined();
  });

  it('stops with one line, writing nothing, when it would draw again most tables the board already shows', async () => {
    const { boardId } = await syncBoard(shop(), harness.client(), {});
    const board = harness.emulator.boards.require(boardId!);
    // An editor that rewrote every table into plain paragraphs: no signature, no bold header.
    for (const shape of board.items().filter((i) => i.type === 'shape')) {
      rewrite(harness.emulator, boardId!, shape.id, (text) =>
        canonicalMiroText(text)
          .split('\n')
          .map((line) => `<p>${line}</p>`)
          .join(''),
      );
    }
    const writes = harness.emulator.stats.writes;
    const stopped = await syncBoard(shop(), harness.client(), { boardId: boardId! }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(SchemaToMiroError);
    expect((stopped as SchemaToMiroError).kind).toBe('miro');
    expect((stopped as Error).message).not.toContain('\n');
    expect((stopped as Error).message).toMatch(/already shows 4 of the 4 tables .*customer.*stopped instead of drawing them twice/);
    expect(harness.emulator.stats.writes).toBe(writes);
  });
});

describe('a board that keeps signatures in some items and drops them in others', () => {
  // Rich text kept as sent, frame titles cleaned: frames are recognised by their titles on every run.
  const harness = harnessFor('plain-titles');
  const twoSchemas = () =>
    buildTestScene([
      ...shopTables(),
      { schema: 'audit', name: 'events', columns: ['pk id integer', 'fk customer_id integer'] },
    ], [...shopRelations(), { from: 'audit.events', fromColumn: 'customer_id', to: 'public.customer', toColumn: 'id' }]);

  it('converges: the frames are adopted by title, never written again for a signature the board drops', async () => {
    const scene = twoSchemas();
    expect(scene.frames.length).toBe(2);
    const { boardId } = await syncBoard(scene, harness.client(), {});
    const counts = itemCounts(harness.emulator, boardId!);
    for (const run of [2, 3]) {
      const again = await syncBoard(scene, harness.client(), { boardId: boardId! });
      expect(again.writeCalls, `run ${run}`).toBe(0);
      expect(again.identity.adopted, `run ${run}`).toEqual(['frame:audit', 'frame:public']);
      expect(again.identity.signed, `run ${run}`).toBe(scene.tables.length + 1);
      expect(itemCounts(harness.emulator, boardId!), `run ${run}`).toEqual(counts);
    }
    // A table whose signature is gone (a user retyped it) gets it back: tables keep theirs on this board.
    const board = harness.emulator.boards.require(boardId!);
    const shape = board.items().find((i) => i.type === 'shape' && storedText(i).includes('>public.orders<'))!;
    rewrite(harness.emulator, boardId!, shape.id, (text) => text.replace(/\p{Default_Ignorable_Code_Point}/gu, ''));
    const resigned = await syncBoard(scene, harness.client(), { boardId: boardId! });
    expect(resigned.writeCalls).toBe(1);
    expect((await syncBoard(scene, harness.client(), { boardId: boardId! })).writeCalls).toBe(0);
  });
});
