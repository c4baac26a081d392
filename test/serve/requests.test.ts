/**
 * What the service accepts, on the embedded store: webhooks (signature, replay window, every linked board
 * synced with its linker's login), CSRF (a same-origin Origin on every browser request that changes
 * something), bodies checked by schema and size, personal API tokens (stored hashed), the page's CSP,
 * health and metrics, and finally a scan of everything logged for tokens, secrets, cookies and codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/serve/index.js';
import { duplicatesOf, viewBoard } from '../sync/harness.js';
import { Browser, type MiroPerson } from './support/browser.js';
import {
  CLIENT_SECRET,
  HOOK_SECRET,
  SECRET,
  serveEnvironment,
  startInProcess,
  waitForRun,
  type InProcessServe,
  type ServeEnvironment,
} from './support/serve-harness.js';

const ADA: MiroPerson = { userId: '3458764500000000501', teamId: '3458764500000000601', name: 'Ada' };
const BOB: MiroPerson = { userId: '3458764500000000502', teamId: '3458764500000000602', name: 'Bob' };

let environment: ServeEnvironment;
let serve: InProcessServe;
let ada: Browser;
let bob: Browser;
const seenSecrets: string[] = [CLIENT_SECRET, SECRET, HOOK_SECRET];

beforeAll(async () => {
  environment = await serveEnvironment('embedded', 'requests', {}, { live: true });
  serve = await startInProcess(environment);
  ada = new Browser(environment.origin);
  bob = new Browser(environment.origin);
  await ada.signIn(environment.emulator, ADA);
  await bob.signIn(environment.emulator, BOB);
  seenSecrets.push(...ada.cookies.values(), ...bob.cookies.values());
});
afterAll(async () => {
  await serve?.server.stop({ timeoutMs: 5000 });
  await environment?.close();
});

function hook(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${environment.origin}/hooks/live`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('the webhook', () => {
  it('answers 401 to a wrong signature or a stale timestamp, and syncs every linked board for a good one', async () => {
    const adaBoard = (await ada.post('/boards/generate', { source: 'live' })).json<{ boardId: string; runId: string }>();
    const bobBoard = (await bob.post('/boards/generate', { source: 'live', columns: 'keys' })).json<{ boardId: string; runId: string }>();
    await waitForRun((p) => ada.get(p), adaBoard.runId);
    await waitForRun((p) => bob.get(p), bobBoard.runId);

    const body = JSON.stringify({ label: '7_add_invoices.sql' });
    const now = Math.floor(Date.now() / 1000);
    expect((await hook(body, {})).status).toBe(401);
    expect((await hook(body, { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: signHook('not-the-secret', now, body) })).status).toBe(401);
    // Signed for another body: the signature covers the raw bytes.
    expect((await hook(`${body} `, { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: signHook(HOOK_SECRET, now, body) })).status).toBe(401);
    const stale = now - 301;
    expect((await hook(body, { [TIMESTAMP_HEADER]: String(stale), [SIGNATURE_HEADER]: signHook(HOOK_SECRET, stale, body) })).status).toBe(401);
    // A fresh timestamp on an old signature does not pass either.
    expect((await hook(body, { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: signHook(HOOK_SECRET, stale, body) })).status).toBe(401);
    expect((await fetch(`${environment.origin}/hooks/rich`, { method: 'POST', body })).status).toBe(404);

    const good = await hook(body, { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: signHook(HOOK_SECRET, now, body) });
    expect(good.status).toBe(202);
    const { runs } = (await good.json()) as { runs: { boardId: string; runId: string }[] };
    expect(runs.map((r) => r.boardId).sort()).toEqual([adaBoard.boardId, bobBoard.boardId].sort());
    const adaRun = await waitForRun((p) => ada.get(p), runs.find((r) => r.boardId === adaBoard.boardId)!.runId);
    const bobRun = await waitForRun((p) => bob.get(p), runs.find((r) => r.boardId === bobBoard.boardId)!.runId);
    expect([adaRun.status, bobRun.status]).toEqual(['succeeded', 'succeeded']);
    expect(adaRun.result?.status).toBe('unchanged');
    // Each ran with its linker's login: each can read its own run, not the other's.
    expect((await ada.get(`/runs/${bobRun.id}`)).status).toBe(404);
    expect(duplicatesOf(viewBoard(environment.emulator, adaBoard.boardId))).toEqual([]);
  });
});

describe('browser requests', () => {
  it('refuses state-changing requests without a same-origin Origin header', async () => {
    expect((await ada.post('/boards/generate', { source: 'shop' }, { origin: null })).status).toBe(403);
    expect((await ada.post('/boards/generate', { source: 'shop' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await ada.request('POST', '/auth/logout', { form: {}, origin: 'https://evil.example' })).status).toBe(403);
    expect((await ada.get('/boards')).status).toBe(200);
  });

  it('validates bodies by schema and limits their size', async () => {
    const refused = async (body: unknown, status = 400) => expect((await ada.post('/boards/generate', body)).status).toBe(status);
    await refused({});
    await refused({ source: 'shop', db: 'postgres://elsewhere/secrets' });
    await refused({ source: 'shop', sql: ['/etc/passwd'] });
    await refused({ source: 'shop', depth: 'deep' });
    await refused({ source: 'shop', columns: 'some' });
    await refused({ source: 'nowhere' });
    await refused('{"source": ', 400);
    await refused({ source: 'shop', include: Array.from({ length: 2000 }, (_, i) => `public.table_${i}`) }, 413);
    expect((await ada.get('/runs/not-a-run-id')).status).toBe(400);
  });
});

describe('personal API tokens', () => {
  it('lets a script act as its person with Authorization: Bearer, without an Origin, and stores only a hash', async () => {
    const created = await ada.request('POST', '/tokens', { body: { name: 'ci' }, headers: { accept: 'application/json' } });
    expect(created.status).toBe(201);
    const { token } = created.json<{ token: string }>();
    seenSecrets.push(token);
    const script = (path: string, init: RequestInit = {}) =>
      fetch(`${environment.origin}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    const boards = (await (await script('/boards')).json()) as { boards: { boardId: string }[] };
    expect(boards.boards.length).toBeGreaterThan(0);
    const sync = await script(`/boards/${boards.boards[0]!.boardId}/sync`, { method: 'POST', body: '{}' });
    expect(sync.status).toBe(202);
    expect((await script('/boards', { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await ada.get('/')).body).not.toContain(token);
  });
});

describe('the page and operations', () => {
  it('serves the page with a CSP that forbids scripts and outside requests', async () => {
    const page = await fetch(`${environment.origin}/`, { headers: { cookie: [...ada.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Sync now');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    // The page's own form (an empty board name is no name) creates a board and comes back to the page.
    const fromForm = await ada.request('POST', '/boards/generate', { form: { source: 'shop', boardName: '' } });
    expect([fromForm.status, fromForm.location]).toEqual([303, '/']);
    // That board is drawn from SQL files (the other tests read a live database).
    const until = Date.now() + 30_000;
    let drawn: { boardName: string; lastRun: { status: string; error: string | null } } | undefined;
    while (Date.now() < until) {
      drawn = (await ada.get('/boards')).json<{ boards: NonNullable<typeof drawn>[] }>().boards.find((b) => b.boardName === 'shop schema');
      if (drawn?.lastRun.status === 'succeeded' || drawn?.lastRun.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect([drawn?.lastRun.status, drawn?.lastRun.error]).toEqual(['succeeded', null]);
  });

  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${environment.origin}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${environment.origin}/readyz`)).json()) as { ok: boolean; store: string };
    expect(ready).toMatchObject({ ok: true, store: 'embedded' });
    const metrics = await (await fetch(`${environment.origin}/metrics`)).text();
    expect(metrics).toMatch(/s2m_runs_total\{outcome="changed"\} [1-9]/);
    expect(metrics).toMatch(/s2m_run_duration_seconds_count\{outcome="unchanged"\} [1-9]/);
    expect(metrics).toMatch(/s2m_miro_calls_total [1-9]/);
    expect(metrics).toMatch(/s2m_miro_credits_total [1-9]/);
    expect(metrics).toMatch(/s2m_queue_depth \d/);
  });
});

describe('the logs', () => {
  it('hold no token, secret, cookie, code or state', async () => {
    const logs = serve.logs();
    expect(logs.split('\n').length).toBeGreaterThan(20);
    expect(logs).toContain('sync finished');
    for (const secret of seenSecrets) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/emu_(access|refresh|code)_/);
    expect(logs).not.toMatch(/[?&](code|state)=/);
    expect(logs).not.toMatch(/s2m_session=/);
  });
});
