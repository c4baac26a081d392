/**
 * Two runs on one board: the lock text on the board makes the second wait (or stop with a clear message),
 * and neither leaves duplicates. A lock left by a killed run expires.
 */
import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { acquireBoardLock, lockContent, readLockText, syncBoard } from '../../src/board/index.js';
import { duplicatesOf, harnessFor, TEXT_MODES, viewBoard } from './harness.js';
import { buildTestScene, shopRelations, shopTables } from './scenes.js';

describe.each(TEXT_MODES)('on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  const shop = () => buildTestScene(shopTables(), shopRelations());

  /** A board the first run created, then emptied again, so both runs below have everything to write. */
  async function emptyBoard(): Promise<string> {
    const board = await harness.client().createBoard({ name: 'lock test' });
    return board.id;
  }

  function lockTexts(boardId: string): number {
    return harness.emulator.boards
      .require(boardId)
      .items()
      .filter((item) => item.type === 'text' && typeof item.data.content === 'string' && item.data.content.includes('is updating this board')).length;
  }

  describe('two runs on one board at once', () => {
    it('the second waits for the first; the board ends with one copy of everything and no lock', async () => {
      const boardId = await emptyBoard();
      const [a, b] = await Promise.all([
        syncBoard(shop(), harness.client(), { boardId, lock: { waitSeconds: 30, pollMs: 50, runId: 'run-a' } }),
        syncBoard(shop(), harness.client(), { boardId, lock: { waitSeconds: 30, pollMs: 50, runId: 'run-b' } }),
      ]);
      const view = viewBoard(harness.emulator, boardId);
      expect(duplicatesOf(view)).toEqual([]);
      expect([...view.signed.keys()].filter((k) => k.startsWith('table:'))).toHaveLength(4);
      expect(view.connectors).toBe(3);
      // One run drew the schema; the other found it drawn once it held the lock.
      expect([a.changes.tablesAdded.length, b.changes.tablesAdded.length].sort()).toEqual([0, 4]);
      expect(lockTexts(boardId)).toBe(0);
    });

    it('with no time to wait, the second stops with a message naming the other run and writes nothing', async () => {
      const boardId = await emptyBoard();
      const holder = await acquireBoardLock(harness.client(), boardId, { waitSeconds: 0, runId: 'ci-1234' });
      const writes = harness.emulator.stats.writes;
      const error = await syncBoard(shop(), harness.client(), { boardId, lock: { waitSeconds: 0 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchemaToMiroError);
      expect((error as SchemaToMiroError).kind).toBe('miro');
      expect((error as Error).message).toMatch(
        /^board .+ is being updated by another schema-to-miro run \(run ci-1234, its lock expires at \d{4}-.+Z\); nothing was written/,
      );
      expect((error as Error).message).toContain(`The lock is the text item ${holder.itemId} on the board; when no run is active, it may be deleted by hand`);
      expect(harness.emulator.stats.writes).toBe(writes);
      await holder.release();
      expect(lockTexts(boardId)).toBe(0);
    });

    it('a held lock is renewed before it expires, so a long sync keeps it', async () => {
      const boardId = await emptyBoard();
      const client = harness.client();
      const holder = await acquireBoardLock(client, boardId, { waitSeconds: 0, ttlSeconds: 0.3, runId: 'long-run' });
      const expiry = (): number => {
        const item = harness.emulator.boards.require(boardId).items().find((i) => i.id === holder.itemId)!;
        return readLockText({ id: item.id, type: item.type, data: item.data } as Parameters<typeof readLockText>[0])!.expiresAt;
      };
      const first = expiry();
      await new Promise((resolve) => setTimeout(resolve, 700));
      // Past the first expiry, the lock still holds: a second run cannot take it.
      expect(expiry()).toBeGreaterThan(first);
      expect(expiry()).toBeGreaterThan(Date.now());
      const second = await acquireBoardLock(harness.client(), boardId, { waitSeconds: 0 }).catch((e: unknown) => e);
      expect((second as Error).message).toMatch(/run long-run/);
      await holder.release();
      const renewals = harness.emulator.stats.byOperation['update-text-item'] ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(harness.emulator.stats.byOperation['update-text-item'] ?? 0).toBe(renewals);
      expect(lockTexts(boardId)).toBe(0);
    });

    it('--check on a board another run is writing waits, then reports the board locked instead of comparing', async () => {
      const boardId = await emptyBoard();
      const holder = await acquireBoardLock(harness.client(), boardId, { waitSeconds: 0, runId: 'writer-1' });
      const error = await syncBoard(shop(), harness.client(), { boardId, check: true, lock: { waitSeconds: 0.2, pollMs: 50 } }).catch(
        (e: unknown) => e,
      );
      expect((error as SchemaToMiroError).kind).toBe('miro');
      expect((error as Error).message).toMatch(/run writer-1.*it was not compared \(--check reads only a board no run is writing\)/);
      // Once the writer is done, --check compares.
      setTimeout(() => void holder.release(), 100);
      const report = await syncBoard(shop(), harness.client(), { boardId, check: true, lock: { waitSeconds: 5, pollMs: 50 } });
      expect(report.inSync).toBe(false);
    });

    it('a lock left by a killed run expires: the next run removes it and syncs', async () => {
      const boardId = await emptyBoard();
      const client = harness.client();
      await client.createText(boardId, { data: { content: lockContent('killed-run', Date.now() - 1000) }, position: { x: 0, y: 0 } });
      const report = await syncBoard(shop(), client, { boardId, lock: { waitSeconds: 0 } });
      expect(report.changes.tablesAdded).toHaveLength(4);
      expect(lockTexts(boardId)).toBe(0);
    });

    it('a run with nothing to write takes no lock and writes nothing', async () => {
      const boardId = await emptyBoard();
      await syncBoard(shop(), harness.client(), { boardId, lock: { waitSeconds: 0 } });
      const writes = harness.emulator.stats.writes;
      const again = await syncBoard(shop(), harness.client(), { boardId, lock: { waitSeconds: 0 } });
      expect(again.inSync).toBe(true);
      expect(harness.emulator.stats.writes).toBe(writes);
    });

    it('reads a lock text back, and nothing else as a lock', () => {
      const item = (content: string) => ({ id: '1', type: 'text', data: { content } }) as Parameters<typeof readLockText>[0];
      const expires = Date.parse('2030-01-02T03:04:05.000Z');
      expect(readLockText(item(lockContent('r1', expires)))).toMatchObject({ runId: 'r1', expiresAt: expires });
      expect(readLockText(item('<p>schema-to-miro is updating this board</p>'))).toBeNull();
      expect(readLockText({ ...item(lockContent('r1', expires)), type: 'sticky_note' })).toBeNull();
    });
  });
});
