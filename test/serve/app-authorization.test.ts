/**
 * The board app's server side on the PostgreSQL store (read directly with SQL): the one-step SDK
 * authorization (code exchanged, tokens sealed into the store, 302 to Miro's app-install-completed
 * address; a replayed or invalid code stores nothing and answers a page saying what to do), and the
 * panel API's id-token check (a wrong signature, another audience, an expired or a missing token: 401).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelBoard } from '../../src/serve/app/panel-contract.js';
import type { MiroPerson } from './support/browser.js';
import { registerBoardApp, sdkConsent, signIdToken } from './support/board-app.js';
import { CLIENT_ID, CLIENT_SECRET, serveEnvironment, startInProcess, type InProcessServe, type ServeEnvironment } from './support/serve-harness.js';

const KIM: MiroPerson = { userId: '3458764500000000501', teamId: '3458764500000000601', name: 'Kim' };
const OMAR: MiroPerson = { userId: '3458764500000000502', teamId: '3458764500000000602', name: 'Omar' };

let environment: ServeEnvironment;
let serve: InProcessServe;
let sql: pg.Client;

beforeAll(async () => {
  environment = await serveEnvironment('postgres', 'app_auth');
  registerBoardApp(environment);
  serve = await startInProcess(environment);
  sql = new pg.Client({ connectionString: environment.storeUrl! });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await serve?.server.stop({ timeoutMs: 5000 });
  await environment?.close();
});

async function loginsOf(person: MiroPerson): Promise<{ sealed: string; updated_at: Date }[]> {
  const result = await sql.query<{ sealed: string; updated_at: Date }>(
    'select l.sealed, l.updated_at from logins l join people p on p.id = l.person_id where p.miro_user_id = $1 and p.miro_team_id = $2',
    [person.userId, person.teamId],
  );
  return result.rows;
}

/** A JWT with `alg: none` and no signature: refused whatever its claims. */
function unsigned(header: object, payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; location: string | null; body: string; type: string | null }> {
  const response = await fetch(`${environment.origin}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), body: await response.text(), type: response.headers.get('content-type') };
}

describe('SDK authorization', () => {
  it('exchanges the code, stores the tokens sealed and sends the person back to Miro', async () => {
    const callback = await sdkConsent(environment, KIM);
    expect(callback.pathname).toBe('/app/authorized');
    expect(callback.searchParams.get('state')).toBeNull();
    expect(await loginsOf(KIM)).toEqual([]);

    const answer = await get(callback.pathname + callback.search);
    expect(answer.status).toBe(302);
    const back = new URL(answer.location!);
    expect(`${back.origin}${back.pathname}`).toBe(`${environment.emulator.url}/app-install-completed/`);
    expect(Object.fromEntries(back.searchParams)).toEqual({ client_id: CLIENT_ID, team_id: KIM.teamId });

    const logins = await loginsOf(KIM);
    expect(logins).toHaveLength(1);
    // Sealed at rest: neither Miro's token prefix nor anything readable.
    expect(logins[0]!.sealed).not.toMatch(/emu_(access|refresh)_/);

    // The panel now finds the person authorized.
    const board = await get('/app/api/board?boardId=uXjVNotLinked=', { authorization: `Bearer ${await signIdToken(KIM)}` });
    expect(board.status).toBe(200);
    expect(JSON.parse(board.body) as PanelBoard).toMatchObject({ authorized: true, authorizeUrl: null, link: null, sources: ['rich', 'shop'] });
    expect(board.body).not.toMatch(/emu_(access|refresh)_/);
  });

  it('stores nothing for a replayed code and says what to do', async () => {
    const callback = await sdkConsent(environment, OMAR);
    expect((await get(callback.pathname + callback.search)).status).toBe(302);
    const before = await loginsOf(OMAR);
    expect(before).toHaveLength(1);

    const replay = await get(callback.pathname + callback.search);
    expect(replay.status).toBe(400);
    expect(replay.type).toMatch(/^text\/html/);
    expect(replay.body).toContain('Nothing was stored.');
    expect(replay.body).toContain('start schema-to-miro from the app toolbar');
    expect(await loginsOf(OMAR)).toEqual(before);
    expect(serve.logs()).toContain('SDK authorization refused by Miro');
    expect(serve.logs()).not.toContain(callback.searchParams.get('code')!);
  });

  it('stores nothing for an invalid code, a missing code or another app\'s answer', async () => {
    const people = async () => Number((await sql.query<{ n: string }>('select count(*) as n from people')).rows[0]!.n);
    const count = await people();
    for (const query of [`code=emu_code_forged&client_id=${CLIENT_ID}&team_id=1`, `client_id=${CLIENT_ID}&team_id=1`, 'code=whatever&client_id=999&team_id=1', 'error=access_denied']) {
      const answer = await get(`/app/authorized?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toContain('Nothing was stored.');
      expect(answer.body, query).not.toContain('emu_code_forged');
    }
    expect(await people()).toBe(count);
  });
});

describe('the panel API', () => {
  const path = '/app/api/board?boardId=uXjVAnyBoard=';

  it('answers 401 to a wrong signature, another audience, an expired token and none', async () => {
    const refused = {
      'wrong signature': `Bearer ${await signIdToken(KIM, { secret: 'not-the-client-secret' })}`,
      'another audience': `Bearer ${await signIdToken(KIM, { audience: '3458764599999999999' })}`,
      expired: `Bearer ${await signIdToken(KIM, { expiresIn: -120 })}`,
      'not a JWT': 'Bearer not.a.jwt',
      unsigned: `Bearer ${unsigned({ alg: 'none', typ: 'JWT' }, { aud: CLIENT_ID, user: KIM.userId, team: KIM.teamId, exp: Math.floor(Date.now() / 1000) + 600 })}`,
      'an API token instead': 'Bearer s2m_somethingelse',
    };
    for (const [what, authorization] of Object.entries(refused)) {
      const answer = await get(path, { authorization });
      expect(answer.status, what).toBe(401);
      expect(answer.body, what).not.toContain(CLIENT_SECRET);
    }
    expect((await get(path)).status).toBe(401);
    for (const api of ['/app/api/board/items?boardId=x', '/app/api/runs/00000000-0000-4000-8000-000000000000']) expect((await get(api)).status, api).toBe(401);
    const post = await fetch(`${environment.origin}/app/api/board/sync`, { method: 'POST', headers: { 'content-type': 'application/json', origin: environment.origin }, body: '{"boardId":"x"}' });
    expect(post.status).toBe(401);
    const good = await signIdToken(KIM);
    expect((await get(path, { authorization: `Bearer ${good}` })).status).toBe(200);
    // Id tokens travel in a header, which the logs never hold.
    for (const token of [good, ...Object.values(refused)]) expect(serve.logs()).not.toContain(token.replace('Bearer ', ''));
  });

  it('tells a person serve has no login of to authorize, with the SDK authorization address', async () => {
    const stranger: MiroPerson = { userId: '3458764500000000999', teamId: '3458764500000000998', name: 'New' };
    const answer = await get(path, { authorization: `Bearer ${await signIdToken(stranger)}` });
    const board = JSON.parse(answer.body) as PanelBoard;
    expect(board.authorized).toBe(false);
    const authorize = new URL(board.authorizeUrl!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${environment.origin}/app/authorized`);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('team_id')).toBe(stranger.teamId);
    expect(authorize.searchParams.get('state')).toBeNull();
    // Connecting a board before that is refused.
    const connect = await fetch(`${environment.origin}/app/api/board/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: environment.origin, authorization: `Bearer ${await signIdToken(stranger)}` },
      body: JSON.stringify({ boardId: 'x', source: 'shop' }),
    });
    expect(connect.status).toBe(403);
  });
});

describe('the panel API rate limit', () => {
  let limited: ServeEnvironment;
  let limitedServe: InProcessServe;

  beforeAll(async () => {
    limited = await serveEnvironment('embedded', 'app_limit', { rateLimitPerMinute: 4 });
    limitedServe = await startInProcess(limited);
  });
  afterAll(async () => {
    await limitedServe?.server.stop({ timeoutMs: 5000 });
    await limited?.close();
  });

  it('counts per Miro user and team, not per address', async () => {
    const ask = async (person: MiroPerson) =>
      (await fetch(`${limited.origin}/app/api/board?boardId=uXjVSame=`, { headers: { authorization: `Bearer ${await signIdToken(person)}` } })).status;
    const kim: number[] = [];
    for (let i = 0; i < 5; i++) kim.push(await ask(KIM));
    expect(kim).toEqual([200, 200, 200, 200, 429]);
    // Omar, from the same address, has his own budget.
    expect(await ask(OMAR)).toBe(200);
  });
});
