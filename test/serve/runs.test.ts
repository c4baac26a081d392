/**
 * Runs on the PostgreSQL store: a token Miro rejects is refreshed once for two syncs running at once (the
 * row lock), a sync Miro failed is retried by the queue (also across a restart), a link with `every` is synced by the schedule,
 * and one person's requests are rate-limited.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSealer } from '../../src/serve/auth/sealing.js';
import { emulatorOAuth } from '../../scripts/miro-emulator/oauth.js';
import { isLockItem } from '../../src/board/index.js';
import { duplicatesOf, viewBoard } from '../sync/harness.js';
import { Browser, type MiroPerson } from './support/browser.js';
import { SECRET, serveEnvironment, startInProcess, waitForRun, type InProcessServe, type ServeEnvironment } from './support/serve-harness.js';

const KIM: MiroPerson = { userId: '3458764500000000901', teamId: '3458764500000000902', name: 'Kim' };
const RATE_LIMIT = 250;

let environment: ServeEnvironment;
let serve: InProcessServe;
let sql: pg.Client;
let kim: Browser;
const boards: string[] = [];

beforeAll(async () => {
  environment = await serveEnvironment('postgres', 'runs', { rateLimitPerMinute: RATE_LIMIT }, { live: true });
  serve = await startInProcess(environment);
  sql = new pg.Client({ connectionString: environment.storeUrl! });
  await sql.connect();
  kim = new Browser(environment.origin);
  await kim.signIn(environment.emulator, KIM);
  for (const name of ['One', 'Two']) {
    const generated = (await kim.post('/boards/generate', { source: 'live', boardName: name })).json<{ boardId: string; runId: string }>();
    expect((await waitForRun((p) => kim.get(p), generated.runId)).status).toBe('succeeded');
    boards.push(generated.boardId);
  }
});
afterAll(async () => {
  await sql?.end();
  await serve?.server.stop({ timeoutMs: 5000 });
  await environment?.close();
});

async function storedAccessToken(): Promise<string> {
  const row = (await sql.query<{ key_id: string; sealed: string; person_id: number; client_id: string }>('select key_id, sealed, person_id, client_id from logins')).rows[0]!;
  const tokens = JSON.parse(new TokenSealer(SECRET).open({ keyId: row.key_id, text: row.sealed }, `login:${row.person_id}:${row.client_id}`)) as { accessToken: string };
  return tokens.accessToken;
}

describe('runs', () => {
  it('refreshes a token Miro rejects once, for two syncs at once', async () => {
    const oauth = emulatorOAuth(environment.emulator.tokens);
    const before = { refreshes: oauth.counters.refreshes, failed: oauth.counters.failedRefreshes };
    const rejected = await storedAccessToken();
    environment.emulator.tokens.revoke(rejected);
    const runIds = await Promise.all(boards.map(async (id) => (await kim.post(`/boards/${id}/sync`)).json<{ runId: string }>().runId));
    const runs = await Promise.all(runIds.map((id) => waitForRun((p) => kim.get(p), id)));
    expect(runs.map((r) => [r.status, r.error])).toEqual([['succeeded', null], ['succeeded', null]]);
    expect(oauth.counters.refreshes - before.refreshes).toBe(1);
    expect(oauth.counters.failedRefreshes).toBe(before.failed);
    const current = await storedAccessToken();
    expect(current).not.toBe(rejected);
    expect(environment.emulator.tokens.check(current).ok).toBe(true);
  });

  it('retries a sync Miro failed, and the retry waits in the queue across a restart of the service', async () => {
    // More 503s than the client retries (5): the attempt fails, and the queue tries again after a pause.
    environment.emulator.faults.failNext(6, { operationId: 'get-specific-board', status: 503 });
    const { runId } = (await kim.post(`/boards/${boards[1]}/sync`)).json<{ runId: string }>();
    const until = Date.now() + 20_000;
    for (;;) {
      const run = (await kim.get(`/runs/${runId}`)).json<{ status: string; attempts: number }>();
      if (run.status === 'queued' && run.attempts === 1) break;
      if (Date.now() > until || run.status === 'succeeded') throw new Error(`the first attempt did not fail as planned (${run.status})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await serve.server.stop({ timeoutMs: 5000 });
    serve = await startInProcess(environment);
    const run = await waitForRun((p) => kim.get(p), runId);
    expect([run.status, run.attempts]).toEqual(['succeeded', 2]);
  });

  it('asks a running sync to stop cleanly when the service stops, and completes it after the restart', async () => {
    environment.emulator.faults.setLatency(250);
    const generated = (await kim.post('/boards/generate', { source: 'live', boardName: 'Stopped mid-sync' })).json<{ boardId: string; runId: string }>();
    const until = Date.now() + 20_000;
    while (environment.emulator.boards.require(generated.boardId).items().length < 1) {
      if (Date.now() > until) throw new Error('the sync did not start drawing');
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await serve.server.stop({ timeoutMs: 400 });
    const stopped = (await sql.query<{ status: string; error: string | null }>('select status, error from runs where id = $1', [generated.runId])).rows[0]!;
    expect(stopped.status).toBe('queued');
    expect(stopped.error).toMatch(/^cancelled/);
    const board = environment.emulator.boards.require(generated.boardId);
    expect(board.items().filter((item) => isLockItem(item as never)).length).toBe(0);
    environment.emulator.faults.setLatency(0);
    serve = await startInProcess(environment);
    const run = await waitForRun((p) => kim.get(p), generated.runId);
    expect([run.status, run.attempts]).toEqual(['succeeded', 2]);
    expect(duplicatesOf(viewBoard(environment.emulator, generated.boardId))).toEqual([]);
  });

  it('syncs a link with a schedule when it is due', async () => {
    const generated = (await kim.post('/boards/generate', { source: 'live', boardName: 'Hourly', every: '1h' })).json<{ boardId: string; runId: string }>();
    await waitForRun((p) => kim.get(p), generated.runId);
    await sql.query(`update links set next_due_at = now() - interval '1 second' where board_id = $1`, [generated.boardId]);
    const until = Date.now() + 15_000;
    let scheduled: { id: string } | undefined;
    while (scheduled === undefined && Date.now() < until) {
      scheduled = (await sql.query<{ id: string }>(`select r.id from runs r join links l on l.id = r.link_id where l.board_id = $1 and r.trigger = 'schedule'`, [generated.boardId])).rows[0];
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(scheduled).toBeDefined();
    expect((await waitForRun((p) => kim.get(p), scheduled!.id)).status).toBe('succeeded');
    const next = (await sql.query<{ due: Date }>('select next_due_at as due from links where board_id = $1', [generated.boardId])).rows[0]!.due;
    expect(next.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('limits the requests of one person', async () => {
    const answers = await Promise.all(Array.from({ length: RATE_LIMIT + 10 }, () => kim.get('/boards')));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    expect((await fetch(`${environment.origin}/healthz`)).status).toBe(200);
  });
});
