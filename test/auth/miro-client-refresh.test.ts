/**
 * The stored login under the real MiroClient against the emulator over HTTP: a token that dies between
 * two calls is renewed by one refresh, concurrent calls share it, and a dead refresh token ends in
 * "run login again".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTokenStore, StoredLoginProvider, type OAuthApp, type StoredLogin } from '../../src/auth/index.js';
import { SchemaToMiroError } from '../../src/errors.js';
import { MiroClient } from '../../src/miro/client.js';
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { manualClock } from './support/fixtures.js';
import { startOAuthServer, type OAuthServer } from './support/oauth-server.js';
import { registeredApp, signIn } from './support/signed-in.js';

let emulator: MiroEmulator;
let server: OAuthServer;
let clock: ReturnType<typeof manualClock>;
let store: MemoryTokenStore;
let app: OAuthApp;
let first: StoredLogin;
let client: MiroClient;

beforeEach(async () => {
  clock = manualClock();
  server = await startOAuthServer(clock.now);
  emulator = server.emulator;
  store = new MemoryTokenStore();
  app = await registeredApp(server);
  first = await signIn(server, app, store, clock.now);
  const credentials = new StoredLoginProvider({ store, clientId: app.clientId, apiBaseUrl: emulator.url, now: clock.now });
  client = new MiroClient({ baseUrl: emulator.url, credentials, backoff: { baseMs: 1, maxMs: 2 } });
});
afterEach(async () => {
  client.close();
  await emulator.close();
});

describe('MiroClient with a stored login', () => {
  it('recovers from a token revoked between two calls with one refresh and one retry', async () => {
    const board = await client.createBoard({ name: 'ERD' });
    emulator.tokens.revoke(first.accessToken);
    const again = await client.getBoard(board.id);
    expect(again.id).toBe(board.id);
    expect(server.oauth.counters.refreshes).toBe(1);
    expect(emulator.stats.byStatus[401]).toBe(1);
    expect((await store.get(app.clientId))?.accessToken).not.toBe(first.accessToken);
  });

  it('refreshes an expiring token before the call, so Miro never answers 401', async () => {
    const board = await client.createBoard({ name: 'ERD' });
    clock.advance(58 * 60_000);
    await client.getBoard(board.id);
    expect(server.oauth.counters.refreshes).toBe(1);
    expect(emulator.stats.byStatus[401]).toBeUndefined();
  });

  it('shares one refresh among fifty concurrent calls that all hit the dead token', async () => {
    const board = await client.createBoard({ name: 'ERD' });
    emulator.tokens.revoke(first.accessToken);
    const boards = await Promise.all(Array.from({ length: 50 }, () => client.getBoard(board.id)));
    expect(boards.every((b) => b.id === board.id)).toBe(true);
    expect(server.oauth.counters.refreshes).toBe(1);
    expect(server.oauth.counters.failedRefreshes).toBe(0);
  });

  it('reports a revoked refresh token as a login to redo', async () => {
    const board = await client.createBoard({ name: 'ERD' });
    server.oauth.revokeRefreshToken(first.refreshToken!);
    emulator.tokens.revoke(first.accessToken);
    const error = await client.getBoard(board.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaToMiroError);
    expect((error as SchemaToMiroError).kind).toBe('miro_auth');
    expect((error as SchemaToMiroError).message).toMatch(/run `schema-to-miro login` again/);
  });
});
