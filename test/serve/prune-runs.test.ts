/**
 * A board's run records are capped: when a run finishes, finished records beyond the newest `keepRuns` are
 * deleted, on both stores; queued and running records, and other boards' records, stay.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneRuns } from '../../src/serve/runner/prune-runs.js';
import { openStore, type ServeStore, type StoreTarget } from '../../src/serve/store/open-store.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';

let database: FreshDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await freshDatabase('serve_prune_runs');
  dataDir = await mkdtemp(join(tmpdir(), 's2m-prune-runs-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function seed(store: ServeStore): Promise<{ linkId: number; otherLinkId: number }> {
  const db = store.db;
  const person = await db.insertInto('people').values({ miro_user_id: '1', miro_team_id: '2', user_name: null, team_name: null }).returning('id').executeTakeFirstOrThrow();
  const link = (board: string) =>
    db
      .insertInto('links')
      .values({ person_id: person.id, source: 'app', board_id: board, board_url: `https://miro.com/app/board/${board}/`, board_name: null, options: '{}', every_seconds: null, next_due_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
  const [one, other] = [await link('uXjVone0000='), await link('uXjVtwo0000=')];
  const run = (linkId: number, status: 'queued' | 'running' | 'succeeded' | 'failed', minute: number) =>
    db
      .insertInto('runs')
      .values({
        id: randomUUID(),
        link_id: linkId,
        trigger: 'schedule',
        label: null,
        status,
        worker: null,
        started_at: null,
        finished_at: status === 'succeeded' || status === 'failed' ? new Date(Date.UTC(2026, 0, 1, 0, minute)) : null,
        result: null,
        error: null,
      })
      .execute();
  for (let minute = 0; minute < 8; minute++) await run(one.id, minute % 3 === 0 ? 'failed' : 'succeeded', minute);
  await run(one.id, 'queued', 0);
  await run(one.id, 'running', 0);
  for (let minute = 0; minute < 4; minute++) await run(other.id, 'succeeded', minute);
  return { linkId: one.id, otherLinkId: other.id };
}

const targets: [string, () => StoreTarget][] = [
  ['PostgreSQL', () => ({ kind: 'postgres', url: database.url })],
  ['PGlite', () => ({ kind: 'embedded', dataDir })],
];

describe.each(targets)('pruneRuns on %s', (_name, target) => {
  it('keeps the newest finished records of the board and every unfinished one', async () => {
    const store = await openStore(target(), process.env);
    try {
      const { linkId, otherLinkId } = await seed(store);
      expect(await pruneRuns(store.db, linkId, 3)).toBe(5);
      const left = await store.db.selectFrom('runs').select(['status', 'finished_at']).where('link_id', '=', linkId).execute();
      const finished = left.filter((r) => r.finished_at !== null).map((r) => new Date(r.finished_at!).getUTCMinutes()).sort();
      expect(finished).toEqual([5, 6, 7]);
      expect(left.filter((r) => r.finished_at === null).map((r) => r.status).sort()).toEqual(['queued', 'running']);
      expect(await store.db.selectFrom('runs').select('id').where('link_id', '=', otherLinkId).execute()).toHaveLength(4);
      // Nothing more to delete: a second pass changes nothing.
      expect(await pruneRuns(store.db, linkId, 3)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
