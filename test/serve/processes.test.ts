/**
 * Several `serve` processes on one PostgreSQL share the work: 20 sync requests for 5 boards at once are
 * all served, never two syncs of one board at the same time (from the run records' start and end times),
 * and the boards hold no duplicates. A process killed with SIGKILL in the middle of a sync loses its job
 * to the other after the lease, and the board converges with 0 duplicates and no stale lock.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isLockItem } from '../../src/board/index.js';
import { duplicatesOf, viewBoard } from '../sync/harness.js';
import { Browser, type MiroPerson } from './support/browser.js';
import { startServeProcess, type ServeProcess } from './support/processes.js';
import { serveEnvironment, waitForRun, type RunAnswer, type ServeEnvironment } from './support/serve-harness.js';

const ADA: MiroPerson = { userId: '3458764500000000701', teamId: '3458764500000000801', name: 'Ada' };

let environment: ServeEnvironment;
let processes: ServeProcess[] = [];
let token: string;

beforeAll(async () => {
  environment = await serveEnvironment('postgres', 'procs', { concurrency: 2 }, { live: true });
  processes = await Promise.all([startServeProcess(environment, 'a', environment.port), startServeProcess(environment, 'b')]);
  const browser = new Browser(environment.origin);
  await browser.signIn(environment.emulator, ADA);
  token = (await browser.request('POST', '/tokens', { body: { name: 'test' }, headers: { accept: 'application/json' } })).json<{ token: string }>().token;
});
afterEach(() => {
  environment.emulator.faults.setLatency(0);
});
afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await environment?.close();
});

function api(origin: string) {
  return async (path: string, body?: unknown) => {
    const response = await fetch(`${origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: <T>() => JSON.parse(text) as T };
  };
}

function overlaps(runs: RunAnswer[]): string[] {
  const sorted = [...runs].sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!));
  const found: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    if (Date.parse(sorted[i]!.startedAt!) < Date.parse(sorted[i - 1]!.finishedAt!)) found.push(`${sorted[i - 1]!.id} and ${sorted[i]!.id}`);
  }
  return found;
}

describe('two serve processes on one PostgreSQL', () => {
  it('serve 20 sync requests for 5 boards at once: all synced, never two syncs of one board at a time, 0 duplicates', async () => {
    const [a, b] = processes.map((p) => api(p.origin));
    const boards: string[] = [];
    for (let i = 0; i < 5; i++) {
      const generated = await (i % 2 === 0 ? a! : b!)('/boards/generate', { source: 'live', boardName: `Board ${i}`, ...(i % 2 === 0 ? { columns: 'keys' } : {}) });
      expect(generated.status).toBe(202);
      boards.push(generated.json<{ boardId: string }>().boardId);
    }
    // Syncs that take a while, so that requests arrive while others of the same board run.
    environment.emulator.faults.setLatency(15);
    const requests = [];
    for (let wave = 0; wave < 4; wave++) {
      for (const [i, boardId] of boards.entries()) requests.push((wave + i) % 2 === 0 ? a!(`/boards/${boardId}/sync`, {}) : b!(`/boards/${boardId}/sync`, {}));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const answers = await Promise.all(requests);
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(202));

    const listed = (await a!('/boards')).json<{ boards: { boardId: string }[] }>().boards;
    expect(listed.map((l) => l.boardId).sort()).toEqual([...boards].sort());
    const runIds = [...new Set(answers.map((r) => r.json<{ runId: string }>().runId))];
    const runs = await Promise.all(runIds.map((id) => waitForRun(a!, id, 60_000)));
    expect(runs.filter((r) => r.status !== 'succeeded').map((r) => r.error)).toEqual([]);
    // Both processes took part.
    expect(new Set(runs.map((r) => r.worker)).size).toBe(2);
    for (const boardId of boards) {
      const ofBoard = runs.filter((r) => r.boardId === boardId);
      expect(ofBoard.length).toBeGreaterThan(0);
      expect(overlaps(ofBoard)).toEqual([]);
      const view = viewBoard(environment.emulator, boardId);
      expect(duplicatesOf(view)).toEqual([]);
      expect(view.signed.size).toBeGreaterThan(1);
    }
  });

  it('loses a job to the other process when one is killed mid-sync, and the board converges with 0 duplicates', async () => {
    const [a] = processes.map((p) => api(p.origin));
    environment.emulator.faults.setLatency(40);
    const generated = (await a!('/boards/generate', { source: 'live', boardName: 'Killed mid-sync' })).json<{ boardId: string; runId: string }>();
    // Wait until some of the board is drawn, then kill whoever is drawing it.
    const until = Date.now() + 20_000;
    let run: RunAnswer;
    for (;;) {
      run = (await a!(`/runs/${generated.runId}`)).json<RunAnswer>();
      const items = environment.emulator.boards.require(generated.boardId).items().length;
      if (run.status === 'running' && items >= 5) break;
      if (run.status === 'succeeded' || Date.now() > until) throw new Error(`the sync was not caught mid-way (${run.status}, ${items} items)`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const victim = processes.find((p) => run.worker?.endsWith(`:${p.pid}`))!;
    const survivor = processes.find((p) => p !== victim)!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    environment.emulator.faults.setLatency(0);

    const finished = await waitForRun(api(survivor.origin), generated.runId, 40_000);
    expect(finished.status, finished.error ?? '').toBe('succeeded');
    expect(finished.attempts).toBeGreaterThanOrEqual(2);
    expect(finished.worker).toMatch(new RegExp(`:${survivor.pid}$`));
    const board = environment.emulator.boards.require(generated.boardId);
    const view = viewBoard(environment.emulator, generated.boardId);
    expect(duplicatesOf(view)).toEqual([]);
    expect([...view.signed.keys()].filter((k) => k.startsWith('table:')).length).toBe(finished.result!.tables);
    // The killed attempt's lock text is gone: a later CLI run would not wait for it.
    expect(board.items().filter((item) => isLockItem({ ...item, type: item.type } as never)).length).toBe(0);
    // And a sync now finds nothing to do.
    const again = await api(survivor.origin)(`/boards/${generated.boardId}/sync`, {});
    expect((await waitForRun(api(survivor.origin), again.json<{ runId: string }>().runId)).result?.status).toBe('unchanged');
  });

  it('stops on SIGTERM: no new jobs, the running sync finished, exit code 0', async () => {
    const alive = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    expect(alive.length).toBeGreaterThan(0);
    const generated = (await api(alive[0]!.origin)('/boards/generate', { source: 'live', boardName: 'Stopped gently' })).json<{ runId: string }>();
    for (const p of alive) p.child.kill('SIGTERM');
    const codes = await Promise.all(alive.map((p) => p.exited));
    expect(codes).toEqual(alive.map(() => 0));
    for (const p of alive) expect(p.output()).toContain('"msg":"stopped"');
    // Whatever was running finished; nothing was left half-done holding a lease.
    const { default: pg } = await import('pg');
    const sql = new pg.Client({ connectionString: environment.storeUrl! });
    await sql.connect();
    try {
      expect((await sql.query('select * from board_leases')).rows).toEqual([]);
      const run = (await sql.query<{ status: string }>('select status from runs where id = $1', [generated.runId])).rows[0]!;
      expect(['queued', 'succeeded']).toContain(run.status);
    } finally {
      await sql.end();
    }
  });
});
