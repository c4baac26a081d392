import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirectory, startPglite } from '../../src/source/pglite-start.js';

describe('the saved PGlite data folder', () => {
  it('is saved by the first start, loaded by the next, and replaced when damaged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's2m-pglite-cache-'));
    const env = { SCHEMA_TO_MIRO_CACHE_DIR: dir };

    const first = await startPglite({}, env);
    await first.exec('CREATE TABLE only_in_first (id int)');
    await first.close();
    const [saved] = await readdir(dir);
    expect(saved).toMatch(/^pglite-\d+\.\d+\.\d+-initdb-1mb-wal\.tar$/);
    const savedPath = join(dir, saved!);
    const savedBytes = await readFile(savedPath);
    expect(savedBytes.length).toBeGreaterThan(100_000);

    // Loaded from the file: a clean catalog (nothing of the first instance's DDL), and the file unchanged.
    const second = await startPglite({}, env);
    const tables = await second.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_class WHERE relname = 'only_in_first'",
    );
    expect(tables.rows[0]?.n).toBe(0);
    await second.close();
    expect((await readFile(savedPath)).equals(savedBytes)).toBe(true);

    // Damaged (cut short, or not an archive at all): started the slow way and saved whole again.
    for (const damaged of [savedBytes.subarray(0, savedBytes.length >> 1), Buffer.from('not a tarball')]) {
      await writeFile(savedPath, damaged);
      const third = await startPglite({}, env);
      expect((await third.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
      await third.close();
      expect((await stat(savedPath)).size).toBeGreaterThan(100_000);
      expect((await readFile(savedPath)).subarray(257, 262).toString('latin1')).toBe('ustar');
      expect(await readdir(dir)).toEqual([saved]);
    }
  });

  it('fills a new on-disk data folder (the service store) from the saved one, made first when missing, and reopens it as it is', async () => {
    const cache = await mkdtemp(join(tmpdir(), 's2m-pglite-cache-'));
    const env = { SCHEMA_TO_MIRO_CACHE_DIR: cache };
    const dataDir = join(await mkdtemp(join(tmpdir(), 's2m-pglite-data-')), 'store');

    const first = await startPglite({}, env, {}, dataDir);
    await first.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    await first.close();
    // The saved folder was made on the way (by an in-memory start), and the store is a real data folder.
    expect(await readdir(cache)).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+-initdb-1mb-wal\.tar$/)]);
    expect((await readFile(join(dataDir, 'PG_VERSION'), 'utf8')).trim()).toMatch(/^\d+$/);

    const again = await startPglite({}, env, {}, dataDir);
    expect((await again.query<{ id: number }>('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
    await again.close();
  });

  it('lives where the environment says, or nowhere when turned off', () => {
    expect(cacheDirectory({ SCHEMA_TO_MIRO_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(cacheDirectory({ SCHEMA_TO_MIRO_CACHE_DIR: 'off' })).toBeNull();
    expect(cacheDirectory({ XDG_CACHE_HOME: '/c' })).toBe('/c/schema-to-miro');
    expect(cacheDirectory({ HOME: '/home/u' })).toBe('/home/u/.cache/schema-to-miro');
  });
});
