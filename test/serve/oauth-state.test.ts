/**
 * The sign-in's `state`, on the PostgreSQL store (read directly with SQL): missing, wrong, from another
 * session, replayed and expired are refused and store nothing; the tokens stored after a good sign-in
 * are not readable in the database without the server's key.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSealer } from '../../src/serve/auth/sealing.js';
import { Browser, type MiroPerson } from './support/browser.js';
import { SECRET, serveEnvironment, startInProcess, type InProcessServe, type ServeEnvironment } from './support/serve-harness.js';

const LIN: MiroPerson = { userId: '3458764500000000301', teamId: '3458764500000000401', name: 'Lin' };

let environment: ServeEnvironment;
let serve: InProcessServe;
let sql: pg.Client;

beforeAll(async () => {
  environment = await serveEnvironment('postgres', 'oauth');
  serve = await startInProcess(environment);
  sql = new pg.Client({ connectionString: environment.storeUrl! });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await serve?.server.stop({ timeoutMs: 5000 });
  await environment?.close();
});

async function stored(): Promise<{ people: number; logins: number; signedIn: number }> {
  const count = async (text: string) => Number((await sql.query<{ n: string }>(text)).rows[0]!.n);
  return {
    people: await count('select count(*) as n from people'),
    logins: await count('select count(*) as n from logins'),
    signedIn: await count('select count(*) as n from sessions where person_id is not null'),
  };
}

function withState(callback: URL, state: string | null): string {
  const url = new URL(callback);
  if (state === null) url.searchParams.delete('state');
  else url.searchParams.set('state', state);
  return url.pathname + url.search;
}

describe('the OAuth state', () => {
  it('refuses a missing, wrong, foreign, replayed or expired state and stores nothing', async () => {
    const nothing = { people: 0, logins: 0, signedIn: 0 };
    const browser = new Browser(environment.origin);

    const missing = await browser.consent(environment.emulator, LIN);
    expect((await browser.get(withState(missing, null))).status).toBe(400);
    const wrong = await browser.consent(environment.emulator, LIN);
    const answer = await browser.get(withState(wrong, `${wrong.searchParams.get('state')!.slice(0, -2)}xx`));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('did not make');
    expect(await stored()).toEqual(nothing);

    // A state made for another browser's session (a login CSRF) is refused.
    const victim = new Browser(environment.origin);
    const attackersCallback = await browser.consent(environment.emulator, LIN);
    const foreign = await victim.get(attackersCallback.pathname + attackersCallback.search);
    expect(foreign.status).toBe(400);
    expect(foreign.body).toContain('another browser session');
    expect(await stored()).toEqual(nothing);

    // Expired: ten minutes passed between leaving for Miro and coming back.
    const late = await browser.consent(environment.emulator, LIN);
    await sql.query(`update oauth_states set expires_at = now() - interval '1 second' where used_at is null`);
    const expired = await browser.get(late.pathname + late.search);
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('10 minutes');
    expect(await stored()).toEqual(nothing);

    // A good one signs in; presenting the same answer again is refused.
    const good = await browser.consent(environment.emulator, LIN);
    expect((await browser.get(good.pathname + good.search)).status).toBe(303);
    const after = await stored();
    expect(after).toEqual({ people: 1, logins: 1, signedIn: 1 });
    const replayed = await browser.get(good.pathname + good.search);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain('already used');
    expect(await stored()).toEqual(after);

    // States are kept as hashes only.
    const states = (await sql.query<{ state_hash: string }>('select state_hash from oauth_states')).rows;
    expect(states.some((row) => row.state_hash === good.searchParams.get('state'))).toBe(false);
  });

  it('keeps the tokens sealed: nothing in the database reads as a token, and another key opens nothing', async () => {
    const dump = (await sql.query<{ dump: string }>(`select string_agg(t::text, ' ') as dump from (select * from logins) t`)).rows[0]!.dump;
    expect(dump).not.toMatch(/emu_(access|refresh)_/);
    const everything = (await sql.query<{ dump: string }>(
      `select coalesce(string_agg(x, ' '), '') as dump from (select row_to_json(p)::text as x from people p union all select row_to_json(s)::text from sessions s union all select row_to_json(o)::text from oauth_states o) rows`,
    )).rows[0]!.dump;
    expect(everything).not.toMatch(/emu_(access|refresh)_|serve-client-secret/);

    const row = (await sql.query<{ key_id: string; sealed: string; person_id: number; client_id: string }>('select key_id, sealed, person_id, client_id from logins')).rows[0]!;
    const binding = `login:${row.person_id}:${row.client_id}`;
    expect(new TokenSealer(SECRET).open({ keyId: row.key_id, text: row.sealed }, binding)).toMatch(/emu_access_/);
    const otherKey = new TokenSealer('another-secret-of-at-least-thirty-two-characters');
    expect(() => otherKey.open({ keyId: otherKey.keyId, text: row.sealed }, binding)).toThrow(/does not open/);
    expect(() => otherKey.open({ keyId: row.key_id, text: row.sealed }, binding)).toThrow(/sealed with key/);
    // Rotation: the old secret listed as old still opens, under its own key id.
    expect(new TokenSealer('a-brand-new-secret-of-at-least-32-chars', [SECRET]).open({ keyId: row.key_id, text: row.sealed }, binding)).toMatch(/emu_access_/);
    // Copied into another row, it does not open.
    expect(() => new TokenSealer(SECRET).open({ keyId: row.key_id, text: row.sealed }, `login:${row.person_id + 1}:${row.client_id}`)).toThrow();
  });
});
