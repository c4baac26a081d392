import { createServer } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore, login, type LoginOptions, type OAuthApp } from '../../src/auth/index.js';
import { SchemaToMiroError } from '../../src/errors.js';
import { DEFAULT_TEAM_ID, DEFAULT_USER_ID } from '../../scripts/miro-emulator/tokens.js';
import { freePort, manualClock, scriptedBrowser, temporaryFolder } from './support/fixtures.js';
import { startOAuthServer, type OAuthServer } from './support/oauth-server.js';

let server: OAuthServer;
let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let clock: ReturnType<typeof manualClock>;
let app: OAuthApp;
let store: FileTokenStore;
let told: string[];

beforeEach(async () => {
  clock = manualClock();
  server = await startOAuthServer(clock.now);
  folder = await temporaryFolder();
  app = {
    clientId: '3458764599999999001',
    clientSecret: 'client-secret-7f3a9c1e5b',
    redirectUri: `http://localhost:${await freePort()}/callback`,
  };
  server.oauth.registerApp({ clientId: app.clientId, clientSecret: app.clientSecret, redirectUris: [app.redirectUri] });
  store = new FileTokenStore(join(folder.path, 'schema-to-miro', 'credentials.json'));
  told = [];
});

afterEach(async () => {
  await server.close();
  await folder.remove();
});

function options(overrides: Partial<LoginOptions>): LoginOptions {
  return {
    app,
    urls: { apiBaseUrl: server.baseUrl, authBaseUrl: server.baseUrl },
    store,
    openBrowser: null,
    pasteInput: null,
    tell: (line) => told.push(line),
    timeoutMs: 10_000,
    now: clock.now,
    ...overrides,
  };
}

async function expectAuthError(promise: Promise<unknown>, pattern: RegExp): Promise<SchemaToMiroError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SchemaToMiroError);
  expect((error as SchemaToMiroError).message).toMatch(pattern);
  return error as SchemaToMiroError;
}

async function portIsFree(redirectUri: string): Promise<boolean> {
  const probe = createServer();
  const port = Number(new URL(redirectUri).port);
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('login through the loopback redirect', () => {
  it('exchanges the code, stores the tokens with who and which team, and answers the browser tab', async () => {
    const browser = scriptedBrowser();
    const stored = await login(options({ openBrowser: browser.open }));

    const authorize = new URL(browser.urls[0]!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${server.baseUrl}/oauth/authorize`);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('client_id')).toBe(app.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(app.redirectUri);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(stored).toMatchObject({
      clientId: app.clientId,
      user: { id: DEFAULT_USER_ID, name: 'Ada Lovelace' },
      team: { id: DEFAULT_TEAM_ID, name: 'Analytical Engines' },
      scopes: ['boards:read', 'boards:write'],
      expiresAt: new Date(clock.now() + 3599 * 1000).toISOString(),
    });
    expect(stored.refreshToken).toBeTruthy();
    expect(server.tokens.check(stored.accessToken).ok).toBe(true);
    expect(await store.get(app.clientId)).toEqual(stored);

    const visit = await browser.visit();
    expect(visit.callbackStatus).toBe(200);
    expect(visit.callbackPage).toContain('Signed in to Miro');
    expect(await portIsFree(app.redirectUri)).toBe(true);
  });

  it('sends a fresh random state each time and passes the team to preselect', async () => {
    const first = scriptedBrowser();
    await login(options({ openBrowser: first.open }));
    const second = scriptedBrowser();
    await login(options({ openBrowser: second.open, teamId: '3458764500000000777' }));
    const state = (url: string) => new URL(url).searchParams.get('state');
    expect(state(first.urls[0]!)).not.toBe(state(second.urls[0]!));
    expect(new URL(second.urls[0]!).searchParams.get('team_id')).toBe('3458764500000000777');
    expect((await store.get(app.clientId))?.team.id).toBe('3458764500000000777');
  });

  it('refuses a redirect with another state and stores nothing', async () => {
    const browser = scriptedBrowser({ tamper: (redirect) => redirect.searchParams.set('state', 'forged-by-someone-else') });
    const error = await expectAuthError(login(options({ openBrowser: browser.open })), /state this login sent.*nothing was stored/);
    expect(error.kind).toBe('miro_auth');
    expect((await browser.visit()).callbackStatus).toBe(400);
    expect(server.oauth.counters.codeExchanges).toBe(0);
    expect(await store.get(app.clientId)).toBeNull();
    expect(await store.clientIds()).toEqual([]);
  });

  it('refuses a redirect without any state', async () => {
    const browser = scriptedBrowser({ tamper: (redirect) => redirect.searchParams.delete('state') });
    await expectAuthError(login(options({ openBrowser: browser.open })), /state/);
    expect(server.oauth.counters.codeExchanges).toBe(0);
    expect(await store.get(app.clientId)).toBeNull();
  });

  it('reports a denied consent as access_denied and stores nothing', async () => {
    server.oauth.configure({ consent: 'deny' });
    const browser = scriptedBrowser();
    const error = await expectAuthError(login(options({ openBrowser: browser.open })), /access_denied/);
    expect(error.kind).toBe('miro_auth');
    expect((await browser.visit()).callbackPage).toContain('access_denied');
    expect(await store.get(app.clientId)).toBeNull();
  });

  it('reports a code that expired before it reached the tool', async () => {
    const browser = scriptedBrowser({ beforeFollowing: () => clock.advance(10 * 60_000 + 1_000) });
    await expectAuthError(login(options({ openBrowser: browser.open })), /refused the authorization code \(HTTP 400: invalid_grant: Authorization code has expired\)/);
    expect(server.oauth.counters.codeExchanges).toBe(1);
    expect(await store.get(app.clientId)).toBeNull();
  });

  it('names a wrong client secret', async () => {
    const browser = scriptedBrowser();
    await expectAuthError(
      login(options({ openBrowser: browser.open, app: { ...app, clientSecret: 'not-the-secret-0000' } })),
      /client id or secret.*MIRO_CLIENT_SECRET/,
    );
    expect(await store.get(app.clientId)).toBeNull();
  });

  it('times out cleanly and frees the port', async () => {
    const started = Date.now();
    await expectAuthError(login(options({ timeoutMs: 300 })), /timed out after 0.3 s without a redirect/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await portIsFree(app.redirectUri)).toBe(true);
    expect(told.join('\n')).toContain(`${server.baseUrl}/oauth/authorize?`);
  });

  it('ignores requests for other paths and requests without a redirect query', async () => {
    const browser = scriptedBrowser();
    const statuses: number[] = [];
    const open = async (url: string) => {
      for (const path of ['/favicon.ico', '/callback', '/callback?foo=bar']) {
        const response = await fetch(new URL(path, app.redirectUri));
        statuses.push(response.status);
        await response.body?.cancel();
      }
      return browser.open(url);
    };
    await login(options({ openBrowser: open }));
    expect(statuses).toEqual([404, 400, 400]);
    expect(await store.get(app.clientId)).not.toBeNull();
  });

  it('says so when the redirect port is taken', async () => {
    const squatter = createServer();
    const port = Number(new URL(app.redirectUri).port);
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const error = await expectAuthError(login(options({})), new RegExp(`port ${port}.*in use`));
      expect(error.kind).toBe('usage');
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

describe('login by pasting the redirected address', () => {
  it('accepts the pasted address on a machine whose browser is elsewhere', async () => {
    const input = new PassThrough();
    const browser = scriptedBrowser({
      paste: (address) => {
        input.write('not an address\n');
        input.write(`${address}\n`);
      },
    });
    const stored = await login(options({ openBrowser: browser.open, pasteInput: input }));
    expect(stored.user.id).toBe(DEFAULT_USER_ID);
    expect(told.some((line) => line.includes('paste the whole address'))).toBe(true);
    expect(await portIsFree(app.redirectUri)).toBe(true);
  });

  it('works with a redirect URI that is not on this machine', async () => {
    const remote = { ...app, redirectUri: 'https://tools.example.com/miro/callback' };
    server.oauth.registerApp({ clientId: remote.clientId, clientSecret: remote.clientSecret, redirectUris: [remote.redirectUri] });
    const input = new PassThrough();
    const browser = scriptedBrowser({ paste: (address) => input.write(`${address}\n`) });
    const stored = await login(options({ app: remote, openBrowser: browser.open, pasteInput: input }));
    expect(await store.get(remote.clientId)).toEqual(stored);
  });

  it('needs a terminal for a redirect URI that is not on this machine', async () => {
    const error = await expectAuthError(login(options({ app: { ...app, redirectUri: 'https://tools.example.com/cb' } })), /not on this machine/);
    expect(error.kind).toBe('usage');
  });

  it('refuses a pasted address with another state', async () => {
    const input = new PassThrough();
    const browser = scriptedBrowser({
      tamper: (redirect) => redirect.searchParams.set('state', 'x'),
      paste: (address) => input.write(`${address}\n`),
    });
    await expectAuthError(login(options({ openBrowser: browser.open, pasteInput: input })), /state/);
    expect(await store.get(app.clientId)).toBeNull();
  });
});
