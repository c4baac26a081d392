/**
 * libpq's connection service file and `hostaddr`: which file is read, which parameter wins, the errors
 * (one line, never the service file's password), and real connections through a service file in a
 * temporary folder to the local server.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/run.js';
import { resolveConnection, serviceFiles, serviceParameters } from '../../src/source/connection-service.js';
import { openSource } from '../../src/source/index.js';
import { findServer, freshDatabase, type FreshDatabase } from '../support/database.js';

const SECRET = 'service-file-s3cret';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 's2m-service-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('the service file', () => {
  it('reads the group asked for, first value of a keyword winning, comments and other groups ignored', () => {
    const text = ['# services', '[other]', 'host=elsewhere', '', '[shop]', '  host = db.internal ', 'port=6543', 'host=ignored', 'dbname=shop', '[after]', 'port=1'].join('\n');
    expect(serviceParameters(text, 'shop', 'f')).toEqual({ host: 'db.internal', port: 6543, database: 'shop' });
    expect(serviceParameters(text, 'missing', 'f')).toBeNull();
  });

  it('refuses a nested service, a line without "=", an unknown keyword, naming the file and line only', () => {
    expect(() => serviceParameters('[a]\nservice=b', 'a', '/x/pg_service.conf')).toThrow(/nested service .*"\/x\/pg_service.conf", line 2/);
    expect(() => serviceParameters(`[a]\npassword ${SECRET}`, 'a', 'f')).toThrow(/syntax error in the service file "f", line 2: expected keyword=value$/);
    expect(() => serviceParameters(`[a]\npassword=${SECRET}\nbogus=1`, 'a', 'f')).toThrow(/unsupported parameter "bogus"/);
    try {
      serviceParameters(`[a]\npassword=${SECRET}\nport=x`, 'a', 'f');
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
    }
  });

  it('is PGSERVICEFILE, else ~/.pg_service.conf, then PGSYSCONFDIR/pg_service.conf, else /etc/postgresql-common', () => {
    expect(serviceFiles({ PGSERVICEFILE: '/a/s.conf', PGSYSCONFDIR: '/etc/pg' })).toEqual(['/a/s.conf', '/etc/pg/pg_service.conf']);
    expect(serviceFiles({ HOME: '/home/kim' })).toEqual(['/home/kim/.pg_service.conf', '/etc/postgresql-common/pg_service.conf']);
  });

  it('takes the first file that defines the service; explicit parameters over it, it over PG* variables', async () => {
    const user = await file('user.conf', '[app]\nhost=from-user-file\nport=6000\n');
    const system = await file('pg_service.conf', '[app]\nhost=from-system\n[sys]\nhost=system-only\nuser=sysuser\npassword=' + SECRET + '\n');
    const env = { PGSERVICEFILE: user, PGSYSCONFDIR: dir, PGHOST: 'from-env', PGUSER: 'envuser', PGPORT: '7000' };
    expect(await resolveConnection(undefined, { ...env, PGSERVICE: 'app' }, 'os')).toMatchObject({ host: 'from-user-file', port: 6000, user: 'envuser' });
    expect(await resolveConnection(undefined, { ...env, PGSERVICE: 'sys' }, 'os')).toMatchObject({ host: 'system-only', port: 7000, user: 'sysuser', password: SECRET });
    // service= in the string (either form) over PGSERVICE; the string's own parameters over the service's.
    expect(await resolveConnection('service=sys host=explicit', { ...env, PGSERVICE: 'app' }, 'os')).toMatchObject({ host: 'explicit', user: 'sysuser' });
    expect(await resolveConnection('postgresql://:9999/db?service=app', env, 'os')).toMatchObject({ host: 'from-user-file', port: 9999, database: 'db' });
  });

  it('stops with one line naming the service and the files looked in when no file defines it', async () => {
    const env = { PGSERVICEFILE: join(dir, 'none.conf'), PGSYSCONFDIR: join(dir, 'nowhere'), PGSERVICE: 'ghost' };
    await expect(resolveConnection(undefined, env, 'os')).rejects.toMatchObject({
      kind: 'database',
      message: `connection service "ghost" (PGSERVICE) is not defined in "${env.PGSERVICEFILE}" or "${join(env.PGSYSCONFDIR, 'pg_service.conf')}"; set PGSERVICEFILE or PGSYSCONFDIR to the file that defines it`,
    });
  });

  it('takes hostaddr as the address, keeping the host as the name; only a numeric address', async () => {
    expect(await resolveConnection('host=db.internal', { PGHOSTADDR: '10.0.0.7' }, 'os')).toMatchObject({ host: 'db.internal', hostAddress: '10.0.0.7' });
    expect(await resolveConnection('hostaddr=::1', {}, 'os')).toMatchObject({ host: '::1', hostAddress: '::1' });
    await expect(resolveConnection(undefined, { PGHOSTADDR: 'db.internal' }, 'os')).rejects.toThrow(/invalid hostaddr "db.internal" in PGHOSTADDR/);
  });
});

const server = await findServer();

describe.skipIf(server === null || server.origin !== 'local')('through a service file to the local server', () => {
  let database: FreshDatabase;
  let services: string;

  beforeAll(async () => {
    database = await freshDatabase('service');
    await database.exec('CREATE TABLE via_service (id int PRIMARY KEY)');
    services = await file(
      'live.conf',
      `[live]\nhost=127.0.0.1\nport=5432\nuser=postgres\ndbname=${database.name}\npassword=${SECRET}\nsslmode=disable\n[named]\nhost=db.invalid\nport=5432\nuser=postgres\ndbname=${database.name}\nsslmode=disable\n`,
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('connects with PGSERVICE, with service= in --db, and with ?service= in a URL', async () => {
    for (const [url, env] of [
      [undefined, { PGSERVICEFILE: services, PGSERVICE: 'live' }],
      ['service=live', { PGSERVICEFILE: services }],
      ['postgresql:///?service=live', { PGSERVICEFILE: services }],
    ] as const) {
      const source = await openSource({ kind: 'database', ...(url ? { url } : {}) }, { ...env, HOME: dir });
      expect(source.database).toBe(database.name);
      expect(source.description).toBe(`postgresql://postgres@127.0.0.1:5432/${database.name}`);
      await source.close();
    }
  });

  it('connects to PGHOSTADDR, the host kept as the name', async () => {
    const source = await openSource({ kind: 'database' }, { PGSERVICEFILE: services, PGSERVICE: 'named', PGHOSTADDR: '127.0.0.1', HOME: dir });
    expect(source.database).toBe(database.name);
    expect(source.description).toBe(`postgresql://postgres@db.invalid:5432/${database.name}?hostaddr=127.0.0.1`);
    await source.close();
  });

  it('the CLI: a schema read through the service; an unknown service exits 3 with one line, no password anywhere', async () => {
    const run = async (env: NodeJS.ProcessEnv, args: string[]) => {
      let stdout = '';
      let stderr = '';
      const io: CliIO = {
        stdout: { write: (chunk: string) => (stdout += chunk) },
        stderr: { write: (chunk: string) => (stderr += chunk) },
        env: { HOME: dir, XDG_CONFIG_HOME: dir, PGSERVICEFILE: services, ...env },
        cwd: dir,
      };
      return { code: await main(['node', 'schema-to-miro', ...args], io), stdout, stderr };
    };
    const ok = await run({ PGSERVICE: 'live' }, ['--out', join(dir, 'schema.json'), '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    const missing = await run({ PGSERVICE: 'nope' }, ['--out', join(dir, 'x.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim().split('\n').filter((l) => l.includes('nope'))).toHaveLength(1);
    expect(missing.stderr).toContain('connection service "nope" (PGSERVICE) is not defined');
    // A database the service names that does not exist: the error names the server, never the password.
    const wrong = await file('wrong.conf', `[wrong]\nhost=127.0.0.1\nuser=postgres\ndbname=no_such_db_s2m\npassword=${SECRET}\nsslmode=disable\n`);
    const failed = await run({ PGSERVICEFILE: wrong, PGSERVICE: 'wrong', SCHEMA_TO_MIRO_DEBUG: '1' }, ['--out', join(dir, 'y.json')]);
    expect(failed.code).toBe(3);
    expect(failed.stderr + failed.stdout).not.toContain(SECRET);
  });
});
