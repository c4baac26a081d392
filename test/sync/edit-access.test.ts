/**
 * A board shared read-only with the token's user (Miro's `currentUserMembership.role` viewer or commenter):
 * the sync stops before its first write (not even the lock) with one line saying what access it needs, while
 * a dry run and `--check` still read and compare; an editor's run writes as usual.
 */
import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { syncBoard } from '../../src/board/index.js';
import { DEFAULT_TEAM_ID, DEFAULT_USER_ID } from '../../scripts/miro-emulator/index.js';
import type { BoardRole } from '../../scripts/miro-emulator/board-store.js';
import { harnessFor } from './harness.js';
import { buildTestScene, shopRelations, shopTables } from './scenes.js';

const OWNER = '3458764500000000777';

describe('a board the user may not edit', () => {
  const harness = harnessFor('verbatim');
  const shop = () => buildTestScene(shopTables(), shopRelations());

  function sharedBoard(role: BoardRole): string {
    const board = harness.emulator.boards.create({ name: `shared as ${role}`, teamId: DEFAULT_TEAM_ID, ownerId: OWNER });
    board.setRole(DEFAULT_USER_ID, role);
    return board.id;
  }

  it.each(['viewer', 'commenter'] as const)('as a %s: the sync writes nothing and says why', async (role) => {
    const boardId = sharedBoard(role);
    const writes = harness.emulator.stats.writes;
    const error = await syncBoard(shop(), harness.client(), { boardId, lock: { waitSeconds: 0 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaToMiroError);
    expect((error as SchemaToMiroError).kind).toBe('miro');
    expect((error as Error).message).toBe(
      `board ${boardId}: the Miro user of this login is a ${role} of it; keeping it current needs edit access (editor, co-owner or owner), so ask its owner to share it with edit rights`,
    );
    expect(harness.emulator.stats.writes).toBe(writes);
    expect(harness.emulator.boards.require(boardId).items()).toHaveLength(0);
    // Reading is allowed: a dry run and a check report what a sync would do.
    const planned = await syncBoard(shop(), harness.client(), { boardId, dryRun: true });
    expect(planned.changes.tablesAdded).toHaveLength(4);
    const checked = await syncBoard(shop(), harness.client(), { boardId, check: true });
    expect(checked.inSync).toBe(false);
    expect(harness.emulator.stats.writes).toBe(writes);
  });

  it('as an editor: the sync draws the board', async () => {
    const boardId = sharedBoard('editor');
    const report = await syncBoard(shop(), harness.client(), { boardId, lock: { waitSeconds: 0 } });
    expect(report.changes.tablesAdded).toHaveLength(4);
  });

  it('the emulator refuses a viewer\'s write with 403, as Miro does', async () => {
    const boardId = sharedBoard('viewer');
    const response = await fetch(`${harness.emulator.url}/v2/boards/${encodeURIComponent(boardId)}/texts`, {
      method: 'POST',
      headers: { authorization: 'Bearer sync-test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ data: { content: 'hello' } }),
    });
    expect(response.status).toBe(403);
    const board = await harness.client().getBoard(boardId);
    expect(board.currentUserMembership).toMatchObject({ id: DEFAULT_USER_ID, role: 'viewer' });
  });
});
