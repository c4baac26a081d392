/**
 * The password file as libpq reads it: wildcards, escapes, first match, the default socket as localhost,
 * PGPASSFILE, and a file others can read ignored with a warning.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgpassPassword, readPgpass } from '../../src/source/pgpass.js';

const target = { host: 'db.example.com', port: 5432, database: 'shop', user: 'app' };

describe('pgpass lines', () => {
  it('matches with wildcards and escapes; the first matching line wins', () => {
    const text = [
      '# comment',
      'other.host:5432:shop:app:nope',
      'db.example.com:*:shop:app:p\\:w\\\\1',
      '*:*:*:*:fallback',
    ].join('\n');
    expect(pgpassPassword(text, target)).toBe('p:w\\1');
    expect(pgpassPassword(text, { ...target, user: 'x' })).toBe('fallback');
    expect(pgpassPassword('db.example.com:5432:shop:app', target)).toBeUndefined();
    expect(pgpassPassword('localhost:5432:shop:app:sock', { ...target, host: '/var/run/postgresql' })).toBe('sock');
    expect(pgpassPassword('db.example.com:5432:shop:app:a:b:c', target)).toBe('a:b:c');
  });
});

describe('the password file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 's2m-pgpass-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is PGPASSFILE, else ~/.pgpass; one others can read is ignored with a warning', async () => {
    const file = join(dir, 'pass');
    await writeFile(file, 'db.example.com:5432:shop:app:from-file\n');
    await chmod(file, 0o600);
    const warnings: string[] = [];
    expect(await readPgpass(target, { PGPASSFILE: file }, (m) => warnings.push(m))).toBe('from-file');
    await writeFile(join(dir, '.pgpass'), '*:*:*:*:from-home\n');
    await chmod(join(dir, '.pgpass'), 0o600);
    expect(await readPgpass(target, { HOME: dir }, (m) => warnings.push(m))).toBe('from-home');
    expect(warnings).toEqual([]);
    await chmod(file, 0o644);
    expect(await readPgpass(target, { PGPASSFILE: file }, (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toEqual([`password file "${file}" has group or world access; permissions should be u=rw (0600) or less, so it was not read`]);
    expect(await readPgpass(target, { PGPASSFILE: join(dir, 'missing') }, (m) => warnings.push(m))).toBeUndefined();
  });
});
