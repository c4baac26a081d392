import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTokenStore, resolveCredentials, StoredLoginProvider, type StoredLogin } from '../../src/auth/index.js';
import { SchemaToMiroError } from '../../src/errors.js';
import { temporaryFolder } from './support/fixtures.js';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let store: MemoryTokenStore;

beforeEach(async () => {
  folder = await temporaryFolder();
  store = new MemoryTokenStore();
});
afterEach(() => folder.remove());

const API = 'http://127.0.0.1:9';

function stored(clientId: string): StoredLogin {
  return {
    clientId,
    clientSecret: 'stored-secret',
    accessToken: `access-${clientId}`,
    refreshToken: `refresh-${clientId}`,
    expiresAt: null,
    scopes: ['boards:read', 'boards:write'],
    user: { id: 'u', name: null },
    team: { id: 't', name: null },
    obtainedAt: '2025-06-01T12:00:00.000Z',
  };
}

/** An environment whose config folder is the test's own, so no developer's real login leaks in. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: folder.path, XDG_CONFIG_HOME: join(folder.path, 'xdg'), ...extra };
}

describe('resolveCredentials', () => {
  it('prefers --token, then MIRO_ACCESS_TOKEN, then the store', async () => {
    await store.set(stored('app-1'));
    const flag = await resolveCredentials({ token: 'flag-token', env: env({ MIRO_ACCESS_TOKEN: 'env-token' }), store, apiBaseUrl: API });
    expect(flag?.origin).toBe('--token');
    expect(await flag?.getAccessToken()).toBe('flag-token');
    expect(await flag?.refreshAfterUnauthorized('flag-token')).toBeNull();

    const fromEnv = await resolveCredentials({ env: env({ MIRO_ACCESS_TOKEN: ' env-token\n' }), store, apiBaseUrl: API });
    expect(fromEnv?.origin).toBe('MIRO_ACCESS_TOKEN');
    expect(await fromEnv?.getAccessToken()).toBe('env-token');

    const fromStore = await resolveCredentials({ token: '  ', env: env({ MIRO_ACCESS_TOKEN: '' }), store, apiBaseUrl: API });
    expect(fromStore).toBeInstanceOf(StoredLoginProvider);
    expect(fromStore?.origin).toBe('stored login (client app-1)');
    expect(await fromStore?.getAccessToken()).toBe('access-app-1');
  });

  it('returns null when there are no credentials at all', async () => {
    expect(await resolveCredentials({ env: env(), store, apiBaseUrl: API })).toBeNull();
    expect(await resolveCredentials({ env: env(), apiBaseUrl: API })).toBeNull();
  });

  it('uses the login of MIRO_CLIENT_ID, and none when that app has no login', async () => {
    await store.set(stored('app-1'));
    await store.set(stored('app-2'));
    expect((await resolveCredentials({ env: env({ MIRO_CLIENT_ID: 'app-2' }), store, apiBaseUrl: API }))?.origin).toBe('stored login (client app-2)');
    expect(await resolveCredentials({ env: env({ MIRO_CLIENT_ID: 'app-3' }), store, apiBaseUrl: API })).toBeNull();
  });

  it('asks which app when several logins are stored and none is configured', async () => {
    await store.set(stored('app-2'));
    await store.set(stored('app-1'));
    const error = await resolveCredentials({ env: env(), store, apiBaseUrl: API }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaToMiroError);
    expect((error as SchemaToMiroError).kind).toBe('usage');
    expect((error as SchemaToMiroError).message).toBe('2 Miro logins are stored (clients app-1, app-2): set MIRO_CLIENT_ID to choose one');
  });

  it('takes the client id from the config file and reads the default file store', async () => {
    const dir = join(folder.path, 'xdg', 'schema-to-miro');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), JSON.stringify({ miro: { clientId: 'app-2' } }));
    const { FileTokenStore } = await import('../../src/auth/index.js');
    const files = FileTokenStore.inConfigDirectory(env());
    expect(files.location).toBe(join(dir, 'credentials.json'));
    await files.set(stored('app-1'));
    await files.set(stored('app-2'));
    expect((await resolveCredentials({ env: env(), apiBaseUrl: API }))?.origin).toBe('stored login (client app-2)');
  });
});
