/**
 * The board's "Schema history": one text item of ours, an entry per run that changes the schema (newest
 * first, 20 kept), read back from the board itself, in both text modes.
 */
import { describe, expect, it } from 'vitest';
import { syncBoard } from '../../src/board/index.js';
import { HISTORY_HEADING, HISTORY_LIMIT, readHistoryText } from '../../src/board/history.js';
import type { BoardScene } from '../../src/model/scene.js';
import type { MiroEmulator, StoredItem } from '../../scripts/miro-emulator/index.js';
import { harnessFor, storedText, TEXT_MODES } from './harness.js';
import { buildTestScene, shopRelations, shopTables, type TableSpec } from './scenes.js';

const shop = (extra: TableSpec[] = []): BoardScene => buildTestScene([...shopTables(), ...extra], shopRelations());

function historyItems(emulator: MiroEmulator, boardId: string): StoredItem[] {
  return emulator.boards
    .require(boardId)
    .items()
    .filter((item) => item.type === 'text' && storedText(item).includes(HISTORY_HEADING));
}

/** The entries as the board shows them (its stored text, read as a person would). */
function shownEntries(emulator: MiroEmulator, boardId: string): string[] {
  const [item, ...others] = historyItems(emulator, boardId);
  expect(others).toHaveLength(0);
  return (readHistoryText(storedText(item!), true) ?? []).map((e) => `${e.label} | t+${e.tables.added} -${e.tables.removed} ~${e.tables.changed} | r+${e.relations.added} -${e.relations.removed}`);
}

function boxOf(emulator: MiroEmulator, boardId: string, item: StoredItem): { x: number; y: number; width: number; height: number } {
  const board = emulator.boards.require(boardId);
  const { width, height } = board.size(item);
  const centre = board.absolutePosition(item);
  return { x: centre.x - width / 2, y: centre.y - height / 2, width, height };
}

/** `n` different schemas in a row: each adds one more table to the shop. */
const step = (n: number): BoardScene =>
  shop(Array.from({ length: n }, (_, i) => ({ name: `extra_${String(i).padStart(2, '0')}`, columns: ['pk id integer'] })));

describe.each(TEXT_MODES)('on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  it('first sync: one history with one entry, left of the diagram; a re-run writes nothing', async () => {
    const first = await syncBoard(shop(), harness.client(), { mark: 'changed in 1_init.sql', now: () => new Date('2026-12-01T14:05:00Z') });
    const boardId = first.boardId!;
    expect(first.history).toEqual({ action: 'create', entries: 1 });
    expect(shownEntries(harness.emulator, boardId)).toEqual(['changed in 1_init.sql | t+4 -0 ~0 | r+3 -0']);
    const [item] = historyItems(harness.emulator, boardId);
    expect(canonicalLines(storedText(item!))[2]).toBe('2026-12-01 14:05 UTC · changed in 1_init.sql · tables +4 -0 ~0 · relations +3 -0 ~0');

    // Outside the diagram's extent: every other item lies right of the history.
    const history = boxOf(harness.emulator, boardId, item!);
    const others = harness.emulator.boards.require(boardId).items().filter((i) => i.id !== item!.id);
    const left = Math.min(...others.map((i) => boxOf(harness.emulator, boardId, i).x));
    expect(history.x + history.width).toBeLessThan(left);

    const again = await syncBoard(shop(), harness.client(), { boardId, mark: 'changed in 1_init.sql' });
    expect(again.writeCalls).toBe(0);
    expect(again.history).toBeNull();
    expect(shownEntries(harness.emulator, boardId)).toHaveLength(1);
  });

  it('a schema change adds an entry on top; --check and dry runs write none; 21 changes keep 20', async () => {
    const { boardId } = await syncBoard(step(0), harness.client(), { mark: 'changed in 0.sql' });
    const checked = await syncBoard(step(1), harness.client(), { boardId: boardId!, check: true, mark: 'changed in 1.sql' });
    expect(checked.history).toEqual({ action: 'update', entries: 2 });
    expect(checked.writeCalls).toBe(0);
    expect(shownEntries(harness.emulator, boardId!)).toHaveLength(1);

    const changed = await syncBoard(step(1), harness.client(), { boardId: boardId!, mark: 'changed in 1.sql' });
    expect(changed.history).toEqual({ action: 'update', entries: 2 });
    // The title's counts and the history: two text updates.
    expect(changed.planned.byOperation['update-text-item']?.calls).toBe(2);
    expect(shownEntries(harness.emulator, boardId!)).toEqual(['changed in 1.sql | t+1 -0 ~0 | r+0 -0', 'changed in 0.sql | t+4 -0 ~0 | r+3 -0']);

    for (let n = 2; n <= HISTORY_LIMIT + 1; n++) {
      await syncBoard(step(n), harness.client(), { boardId: boardId!, mark: `changed in ${n}.sql`, lock: { waitSeconds: 0 } });
    }
    const entries = shownEntries(harness.emulator, boardId!);
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]).toBe(`changed in ${HISTORY_LIMIT + 1}.sql | t+1 -0 ~0 | r+0 -0`);
    expect(entries.at(-1)).toBe('changed in 2.sql | t+1 -0 ~0 | r+0 -0');

    // Tables removed and changed count too.
    const smaller = buildTestScene(
      shopTables().map((t) => (t.name === 'product' ? { ...t, columns: [...t.columns, 'stock integer'] } : t)),
      shopRelations(),
    );
    await syncBoard(smaller, harness.client(), { boardId: boardId!, mark: 'changed in 99.sql' });
    expect(shownEntries(harness.emulator, boardId!)[0]).toBe(`changed in 99.sql | t+0 -${HISTORY_LIMIT + 1} ~1 | r+0 -0`);
  });

  it('a history whose signature was stripped is adopted, not duplicated', async () => {
    const { boardId } = await syncBoard(shop(), harness.client(), { mark: 'changed in a.sql' });
    const board = harness.emulator.boards.require(boardId!);
    const [item] = historyItems(harness.emulator, boardId!);
    board.updateItem(item!.id, { data: { content: storedText(item!).replace(/\p{Default_Ignorable_Code_Point}/gu, '') } }, 'user');

    const report = await syncBoard(shop([{ name: 'invoice', columns: ['pk id integer'] }]), harness.client(), { boardId: boardId!, mark: 'changed in b.sql' });
    expect(report.history).toEqual({ action: 'update', entries: 2 });
    expect(report.foreign.items).toBe(0);
    expect(historyItems(harness.emulator, boardId!).map((i) => i.id)).toEqual([item!.id]);
    expect(shownEntries(harness.emulator, boardId!)).toEqual(['changed in b.sql | t+1 -0 ~0 | r+0 -0', 'changed in a.sql | t+4 -0 ~0 | r+3 -0']);
  });

  it('a cancelled run adds no entry; the run that completes the board adds one', async () => {
    const { boardId } = await syncBoard(shop(), harness.client(), { mark: 'changed in a.sql' });
    const cancel = new AbortController();
    const bigger = shop([{ name: 'invoice', columns: ['pk id integer'] }, { name: 'refund', columns: ['pk id integer'] }]);
    await expect(
      syncBoard(bigger, harness.client(), {
        boardId: boardId!,
        mark: 'changed in b.sql',
        concurrency: 1,
        lock: { waitSeconds: 0 },
        signal: cancel.signal,
        onProgress: () => cancel.abort(),
      }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(shownEntries(harness.emulator, boardId!)).toHaveLength(1);
    const completed = await syncBoard(bigger, harness.client(), { boardId: boardId!, mark: 'changed in b.sql' });
    expect(completed.history).toEqual({ action: 'update', entries: 2 });
    expect(shownEntries(harness.emulator, boardId!)[0]).toMatch(/^changed in b\.sql \| t\+\d -0 ~0/);
  });

  it('a user text that only mentions the heading is not taken for the history', async () => {
    const { boardId } = await syncBoard(shop(), harness.client(), {});
    const board = harness.emulator.boards.require(boardId!);
    board.createItem({ type: 'text', data: { content: `<p>${HISTORY_HEADING}</p><p>see the wiki</p>` }, position: { x: 5000, y: 5000 } }, 'user');
    const report = await syncBoard(shop([{ name: 'invoice', columns: ['pk id integer'] }]), harness.client(), { boardId: boardId! });
    expect(report.history).toEqual({ action: 'update', entries: 2 });
    expect(report.foreign.items).toBe(1);
  });
});

function canonicalLines(content: string): string[] {
  return content
    .replace(/<\/p>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .split('\n');
}
