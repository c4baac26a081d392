import { chmod, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore, type StoredLogin } from '../../src/auth/index.js';
import { SchemaToMiroError } from '../../src/errors.js';
import { temporaryFolder } from './support/fixtures.js';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let path: string;

beforeEach(async () => {
  folder = await temporaryFolder();
  path = join(folder.path, 'config', 'schema-to-miro', 'credentials.json');
});
afterEach(() => folder.remove());

function sampleLogin(clientId: string, accessToken = `access-${clientId}`): StoredLogin {
  return {
    clientId,
    clientSecret: `secret-${clientId}`,
    accessToken,
    refreshToken: `refresh-${clientId}`,
    expiresAt: '2025-06-01T13:00:00.000Z',
    scopes: ['boards:read', 'boards:write'],
    user: { id: '1', name: 'Ada' },
    team: { id: '2', name: null },
    obtainedAt: '2025-06-01T12:00:00.000Z',
  };
}

const isPosix = process.platform !== 'win32';

describe('FileTokenStore', () => {
  it('keeps one login per client id and forgets only the one asked', async () => {
    const store = new FileTokenStore(path);
    expect(await store.get('a')).toBeNull();
    expect(await store.clientIds()).toEqual([]);
    await store.set(sampleLogin('b'));
    await store.set(sampleLogin('a'));
    await store.set(sampleLogin('a', 'access-a-2'));
    expect(await store.clientIds()).toEqual(['a', 'b']);
    expect((await store.get('a'))?.accessToken).toBe('access-a-2');
    await store.clear('a');
    await store.clear('never-stored');
    expect(await store.clientIds()).toEqual(['b']);
    expect(await new FileTokenStore(path).get('b')).toEqual(sampleLogin('b'));
  });

  it.runIf(isPosix)('writes the file 0600 in a 0700 folder, even under a permissive umask', async () => {
    const previous = process.umask(0o000);
    try {
      await new FileTokenStore(path).set(sampleLogin('a'));
    } finally {
      process.umask(previous);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(folder.path, 'config', 'schema-to-miro'))).mode & 0o777).toBe(0o700);
  });

  it.runIf(isPosix)('tightens a file that was readable by others when it rewrites it', async () => {
    const store = new FileTokenStore(path);
    await store.set(sampleLogin('a'));
    await chmod(path, 0o644);
    await store.set(sampleLogin('b'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('replaces the file atomically: no temporary or lock file stays behind', async () => {
    const store = new FileTokenStore(path);
    await store.set(sampleLogin('a'));
    await store.clear('a');
    expect(await readdir(join(folder.path, 'config', 'schema-to-miro'))).toEqual(['credentials.json']);
  });

  it('loses no login when many writers change the file at once', async () => {
    // Separate instances stand for separate processes: only the lock file keeps them apart.
    const ids = Array.from({ length: 20 }, (_, i) => `client-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((id) => new FileTokenStore(path).set(sampleLogin(id))));
    expect(await new FileTokenStore(path).clientIds()).toEqual(ids);
  });

  it('writes the same bytes for the same logins, whatever the order they were stored in', async () => {
    const other = join(folder.path, 'other.json');
    await new FileTokenStore(path).set(sampleLogin('x'));
    await new FileTokenStore(path).set(sampleLogin('y'));
    await new FileTokenStore(other).set(sampleLogin('y'));
    await new FileTokenStore(other).set(sampleLogin('x'));
    expect(await readFile(path, 'utf8')).toBe(await readFile(other, 'utf8'));
  });

  it('names a damaged file and what to do about it', async () => {
    const store = new FileTokenStore(path);
    await store.set(sampleLogin('a'));
    await writeFile(path, '{"version": 1, "logins": {"a": {"clientId": "a"}}}');
    const error = await store.get('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaToMiroError);
    expect((error as SchemaToMiroError).kind).toBe('usage');
    expect((error as SchemaToMiroError).message).toBe(
      `${path} is damaged (the login of client a is incomplete): delete it and run \`schema-to-miro login\` again`,
    );
    await writeFile(path, '{"vers');
    await expect(store.clientIds()).rejects.toThrow(/damaged \(not JSON\)/);
  });

  it('runs exclusive work one at a time across instances', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`${name} out`);
    };
    await Promise.all([new FileTokenStore(path).exclusive(work('a')), new FileTokenStore(path).exclusive(work('b'))]);
    expect(events).toHaveLength(4);
    expect(events[1]).toBe(events[0]!.replace(' in', ' out'));
  });

  it('takes over a lock left behind by a crashed process', async () => {
    const store = new FileTokenStore(path);
    await store.set(sampleLogin('a'));
    await writeFile(`${path}.lock`, '99999');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(`${path}.lock`, longAgo, longAgo);
    await store.set(sampleLogin('b'));
    expect(await store.clientIds()).toEqual(['a', 'b']);
  });

  it('lets set run inside exclusive without waiting on itself', async () => {
    const store = new FileTokenStore(path);
    await store.exclusive(async () => {
      await store.set(sampleLogin('a'));
    });
    expect(await store.clientIds()).toEqual(['a']);
  });
});
