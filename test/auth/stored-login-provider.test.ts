import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore, MemoryTokenStore, StoredLoginProvider, type OAuthApp, type StoredLogin } from '../../src/auth/index.js';
import { SchemaToMiroError } from '../../src/errors.js';
import { manualClock, temporaryFolder } from './support/fixtures.js';
import { startOAuthServer, type OAuthServer } from './support/oauth-server.js';
import { registeredApp, signIn } from './support/signed-in.js';

let server: OAuthServer;
let clock: ReturnType<typeof manualClock>;
let store: MemoryTokenStore;
let app: OAuthApp;
let first: StoredLogin;

beforeEach(async () => {
  clock = manualClock();
  server = await startOAuthServer(clock.now);
  store = new MemoryTokenStore();
  app = await registeredApp(server);
  first = await signIn(server, app, store, clock.now);
});
afterEach(() => server.close());

function provider(overrides: Partial<ConstructorParameters<typeof StoredLoginProvider>[0]> = {}): StoredLoginProvider {
  return new StoredLoginProvider({ store, clientId: app.clientId, apiBaseUrl: server.baseUrl, now: clock.now, ...overrides });
}

const MINUTE = 60_000;

describe('StoredLoginProvider', () => {
  it('hands out the stored token while it is fresh, without refreshing', async () => {
    const credentials = provider();
    clock.advance(50 * MINUTE);
    expect(await credentials.getAccessToken()).toBe(first.accessToken);
    expect(credentials.origin).toBe(`stored login (client ${app.clientId})`);
    expect(server.oauth.counters.refreshes).toBe(0);
  });

  it('refreshes a token that expires within five minutes, stores the rotated pair, and the old refresh token is dead', async () => {
    const credentials = provider();
    clock.advance(56 * MINUTE);
    const token = await credentials.getAccessToken();
    expect(token).not.toBe(first.accessToken);
    expect(server.tokens.check(token).ok).toBe(true);
    const stored = await store.get(app.clientId);
    expect(stored).toMatchObject({ accessToken: token, expiresAt: new Date(clock.now() + 3599_000).toISOString() });
    expect(stored?.refreshToken).not.toBe(first.refreshToken);
    expect(stored?.user).toEqual(first.user);
    expect(server.oauth.counters.refreshes).toBe(1);

    // The old refresh token was rotated away: a provider still holding it must fail, not succeed.
    await store.set(first);
    clock.advance(60 * MINUTE);
    const error = await provider().getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaToMiroError);
    expect((error as SchemaToMiroError).message).toMatch(/refused to refresh the stored login \(HTTP 400: invalid_grant.*\); run `schema-to-miro login` again/);
  });

  it('refreshes a short-lived token at half its life, not on every call', async () => {
    server.oauth.configure({ accessTokenLifetimeSeconds: 120 });
    const short = await signIn(server, app, store, clock.now);
    const credentials = provider();
    expect(await credentials.getAccessToken()).toBe(short.accessToken);
    clock.advance(59_000);
    expect(await credentials.getAccessToken()).toBe(short.accessToken);
    clock.advance(2_000);
    const renewed = await credentials.getAccessToken();
    expect(renewed).not.toBe(short.accessToken);
    expect(await credentials.getAccessToken()).toBe(renewed);
    expect(server.oauth.counters.refreshes).toBe(1);
  });

  it('refreshes once after a 401 and tells a late caller the token that replaced the rejected one', async () => {
    const credentials = provider();
    server.tokens.revoke(first.accessToken);
    const fresh = await credentials.refreshAfterUnauthorized(first.accessToken);
    expect(fresh).not.toBe(first.accessToken);
    expect(await credentials.refreshAfterUnauthorized(first.accessToken)).toBe(fresh);
    expect(await credentials.getAccessToken()).toBe(fresh);
    expect(server.oauth.counters.refreshes).toBe(1);
  });

  it('shares one refresh among fifty concurrent callers', async () => {
    const credentials = provider();
    clock.advance(2 * 60 * MINUTE);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => credentials.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(server.oauth.counters.refreshes).toBe(1);

    server.tokens.revoke(tokens[0]!);
    const retried = await Promise.all(Array.from({ length: 50 }, () => credentials.refreshAfterUnauthorized(tokens[0]!)));
    expect(new Set(retried).size).toBe(1);
    expect(retried[0]).not.toBe(tokens[0]);
    expect(server.oauth.counters.refreshes).toBe(2);
    expect(server.oauth.counters.failedRefreshes).toBe(0);
  });

  it('does not spend the refresh token twice when two processes share the credentials file', async () => {
    const folder = await temporaryFolder();
    try {
      const path = join(folder.path, 'credentials.json');
      await new FileTokenStore(path).set(first);
      // Two providers over two store instances stand for two processes: only the file lock joins them.
      const one = new StoredLoginProvider({ store: new FileTokenStore(path), clientId: app.clientId, apiBaseUrl: server.baseUrl, now: clock.now });
      const two = new StoredLoginProvider({ store: new FileTokenStore(path), clientId: app.clientId, apiBaseUrl: server.baseUrl, now: clock.now });
      clock.advance(2 * 60 * MINUTE);
      const [a, b] = await Promise.all([one.getAccessToken(), two.getAccessToken()]);
      expect(a).toBe(b);
      expect(server.oauth.counters.refreshes).toBe(1);
      expect(server.oauth.counters.failedRefreshes).toBe(0);
    } finally {
      await folder.remove();
    }
  });

  it('tells the user to log in again when the refresh token was revoked', async () => {
    server.oauth.revokeRefreshToken(first.refreshToken!);
    server.tokens.revoke(first.accessToken);
    const error = await provider().refreshAfterUnauthorized(first.accessToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaToMiroError);
    expect((error as SchemaToMiroError).kind).toBe('miro_auth');
    expect((error as SchemaToMiroError).message).toMatch(/run `schema-to-miro login` again$/);
    expect((error as SchemaToMiroError).message).not.toContain(first.refreshToken!);
    expect((error as SchemaToMiroError).message).not.toContain(app.clientSecret);
  });

  it('uses the secret from the environment over the stored one', async () => {
    clock.advance(2 * 60 * MINUTE);
    const error = await provider({ clientSecret: 'rotated-but-wrong-secret' }).getAccessToken().catch((e: unknown) => e);
    expect((error as SchemaToMiroError).message).toMatch(/client id or secret/);
    expect((error as SchemaToMiroError).message).not.toContain('rotated-but-wrong-secret');
  });

  it('never refreshes a non-expiring token, and asks for a new login when Miro rejects it', async () => {
    server.oauth.configure({ accessTokenLifetimeSeconds: null });
    const permanent = await signIn(server, app, store, clock.now);
    expect(permanent).toMatchObject({ refreshToken: null, expiresAt: null });
    const credentials = provider();
    clock.advance(365 * 24 * 60 * MINUTE);
    expect(await credentials.getAccessToken()).toBe(permanent.accessToken);
    await expect(credentials.refreshAfterUnauthorized(permanent.accessToken)).rejects.toThrow(/no refresh token; run `schema-to-miro login` again/);
    expect(server.oauth.counters.refreshes).toBe(0);
  });

  it('asks for a login when the stored one is gone', async () => {
    await store.clear(app.clientId);
    await expect(provider().getAccessToken()).rejects.toThrow(/no stored login for this app anymore; run `schema-to-miro login` again/);
  });
});
