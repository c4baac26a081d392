/**
 * The whole flow for two people in two teams, on both stores: sign in with Miro (the emulator's OAuth),
 * generate a board from a declared source, let the queue sync it, sync again, list its items, sign out.
 * Neither can see or sync the other's board or run (404, like a board that does not exist).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/serve/index.js';
import { emulatorOAuth } from '../../scripts/miro-emulator/oauth.js';
import { duplicatesOf, viewBoard } from '../sync/harness.js';
import { Browser, type MiroPerson } from './support/browser.js';
import { HOOK_SECRET, serveEnvironment, startInProcess, waitForRun, type InProcessServe, type ServeEnvironment, type StoreKind } from './support/serve-harness.js';

const ADA: MiroPerson = { userId: '3458764500000000101', teamId: '3458764500000000201', name: 'Ada' };
const GRACE: MiroPerson = { userId: '3458764500000000102', teamId: '3458764500000000202', name: 'Grace' };

describe.each<StoreKind>(['embedded', 'postgres'])('serve on the %s store', (kind) => {
  let environment: ServeEnvironment;
  let serve: InProcessServe;
  // A live database (fast to read); test/serve/requests.test.ts draws from SQL files.
  const source = 'live';

  beforeAll(async () => {
    environment = await serveEnvironment(kind, 'flow', {}, { live: true });
    serve = await startInProcess(environment);
  });
  afterAll(async () => {
    await serve?.server.stop({ timeoutMs: 5000 });
    await environment?.close();
  });

  it('signs two people in, draws and syncs their boards, keeps them apart, and signs them out', async () => {
    const ada = new Browser(environment.origin);
    const grace = new Browser(environment.origin);
    expect((await ada.get('/boards')).status).toBe(401);
    await ada.signIn(environment.emulator, ADA);
    await grace.signIn(environment.emulator, GRACE);
    expect((await ada.get('/')).body).toContain('Signed in as Ada');

    const generated = await ada.post('/boards/generate', { source, boardName: 'Shop ERD', columns: 'keys' });
    expect(generated.status).toBe(202);
    const { boardId, boardUrl, runId } = generated.json<{ boardId: string; boardUrl: string; runId: string }>();
    expect(decodeURIComponent(boardUrl)).toContain(boardId);
    const first = await waitForRun((p) => ada.get(p), runId);
    expect(first.status, first.error ?? '').toBe('succeeded');
    expect(first.result?.board?.id).toBe(boardId);
    expect(first.result?.tables).toBeGreaterThan(0);

    const view = viewBoard(environment.emulator, boardId);
    expect(duplicatesOf(view)).toEqual([]);
    const tables = [...view.signed.keys()].filter((k) => k.startsWith('table:'));
    expect(tables.length).toBe(first.result!.tables);

    const graceBoard = (await grace.post('/boards/generate', { source })).json<{ boardId: string; runId: string }>();
    expect((await waitForRun((p) => grace.get(p), graceBoard.runId)).status).toBe('succeeded');

    // A second sync of an unchanged schema writes nothing.
    const again = await ada.post(`/boards/${boardId}/sync`);
    expect(again.status).toBe(202);
    const second = await waitForRun((p) => ada.get(p), again.json<{ runId: string }>().runId);
    expect(second.status).toBe('succeeded');
    expect(second.result?.status).toBe('unchanged');

    const items = (await ada.get(`/boards/${boardId}/items`)).json<{ tables: string[]; relations: unknown[]; frames: string[] }>();
    expect(items.tables.map((t) => `table:${t}`).sort()).toEqual(tables.sort());
    // The relations the sync recognises as ours (since reference boxes, not every connector on the board is one).
    expect(items.relations.length).toBeGreaterThan(0);
    expect(items.relations.length).toBeLessThanOrEqual(view.connectors);

    const adaBoards = (await ada.get('/boards')).json<{ boards: { boardId: string; lastRun: { status: string } }[] }>().boards;
    expect(adaBoards.map((b) => b.boardId)).toEqual([boardId]);
    expect(adaBoards[0]!.lastRun.status).toBe('succeeded');

    // Isolation: the other person's board and run do not exist for them.
    expect((await grace.get(`/boards/${boardId}/items`)).status).toBe(404);
    expect((await grace.post(`/boards/${boardId}/sync`)).status).toBe(404);
    expect((await grace.get(`/runs/${runId}`)).status).toBe(404);
    expect((await ada.get(`/runs/${graceBoard.runId}`)).status).toBe(404);
    expect((await grace.get('/boards')).json<{ boards: { boardId: string }[] }>().boards.map((b) => b.boardId)).toEqual([graceBoard.boardId]);

    // Signing out revokes the Miro token and ends the session.
    const script = (await ada.request('POST', '/tokens', { body: { name: 'deploys' }, headers: { accept: 'application/json' } })).json<{ token: string }>().token;
    const oauth = emulatorOAuth(environment.emulator.tokens);
    const revocations = oauth.counters.revocations;
    expect((await ada.post('/auth/logout')).status).toBe(204);
    expect(oauth.counters.revocations).toBe(revocations + 1);
    expect((await ada.get('/boards')).status).toBe(401);
    expect((await grace.get('/boards')).status).toBe(200);

    // A deploy after she left: her board's run says what to do, and nothing was written.
    const body = '{}';
    const ts = Math.floor(Date.now() / 1000);
    const hook = await fetch(`${environment.origin}/hooks/${source}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signHook(HOOK_SECRET, ts, body) },
      body,
    });
    const { runs } = (await hook.json()) as { runs: { boardId: string; runId: string }[] };
    expect(runs.map((r) => r.boardId).sort()).toEqual([boardId, graceBoard.boardId].sort());
    const writes = environment.emulator.stats.writes;
    // Her API token still reads her runs: it is a credential of its own, which signing out leaves alone.
    const viaToken = async (path: string) => {
      const response = await fetch(`${environment.origin}${path}`, { headers: { authorization: `Bearer ${script}` } });
      const text = await response.text();
      return { status: response.status, json: <T>() => JSON.parse(text) as T };
    };
    const orphan = await waitForRun(viaToken, runs.find((r) => r.boardId === boardId)!.runId);
    expect(orphan.status).toBe('failed');
    expect(orphan.error).toMatch(/^Miro refused the login of the board's owner \(.*\): they need to sign in again at http:\/\/127\.0\.0\.1:\d+\/auth\/miro$/);
    expect(environment.emulator.stats.writes).toBe(writes);
  });
});
