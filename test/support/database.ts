/**
 * Test harness: finds a PostgreSQL to test against and gives each test file its own fresh database.
 *
 * Server search order (DEVELOPERS.md): `TEST_DATABASE_URL` (a superuser URL), a testcontainers
 * `postgres:15` container when a Docker engine answers (probed with a 1.5 s ping, so machines without
 * Docker move on at once), the local server at 127.0.0.1:5432 as user postgres, else embedded PGlite.
 *
 * `TEST_DATABASE=pglite` skips the search and uses PGlite, to exercise that fallback on a machine with a server.
 *
 * With a server, `freshDatabase()` creates `s2m_<label>_<pid>_<n>` and `drop()` drops it (WITH FORCE).
 * With PGlite there is no server to create databases in: `exec`/`loadFile` collect the SQL and `open()`
 * loads it through the `--sql` source, so the same assertions still run against real catalogs.
 *
 * Real schema files are loaded with `psql -v ON_ERROR_STOP=1 -q -f` (as ../shared/README.md says they
 * load); when psql is not installed, the file is sent whole through `pg` as one simple-protocol query.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { introspect } from '../../src/introspect/index.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { openSource, type CatalogSource } from '../../src/source/index.js';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(REPO_ROOT, 'fixtures');
export const SHARED_SCHEMAS = resolve(REPO_ROOT, '..', 'shared', 'schemas');

export type ServerOrigin = 'TEST_DATABASE_URL' | 'testcontainers' | 'local';

export interface PostgresServer {
  /** A superuser URL to the server's maintenance database. */
  adminUrl: string;
  origin: ServerOrigin;
}

export interface FreshDatabase {
  kind: 'server' | 'pglite';
  /** The database's URL (server only; empty for PGlite). */
  url: string;
  name: string;
  exec(sql: string): Promise<void>;
  /** Loads an SQL file the way `psql -f` would. */
  loadFile(path: string): Promise<void>;
  /** A catalog source over this database: `--db url` on a server, `--sql` of what was loaded on PGlite. */
  open(): Promise<CatalogSource>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function answers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Does a Docker engine answer `/_ping` within 1.5 s? (Only unix sockets: a TCP DOCKER_HOST is left to testcontainers.) */
async function dockerAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return true;
  const socketPath = host ? host.slice('unix://'.length) : '/var/run/docker.sock';
  if (!existsSync(socketPath)) return false;
  return new Promise((done) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1500 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end();
  });
}

async function containerServer(): Promise<PostgresServer | string> {
  let testcontainers: typeof import('testcontainers');
  try {
    testcontainers = await import('testcontainers');
  } catch (error) {
    return `testcontainers does not load on Node ${process.versions.node}: ${reason(error)}`;
  }
  try {
    const { GenericContainer, Wait } = testcontainers;
    const container = await new GenericContainer('postgres:15')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      // Shared by every test file of the run instead of one container each.
      .withReuse()
      .start();
    return {
      adminUrl: `postgresql://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
      origin: 'testcontainers',
    };
  } catch (error) {
    return `the postgres:15 container did not start: ${reason(error)}`;
  }
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** Why the tests do not run in a container, once per test run (the first worker to find out says it). */
let containerNote: string | null = null;

export function containerSkippedBecause(): string | null {
  return containerNote;
}

function noteContainerSkipped(note: string): void {
  containerNote = note;
  try {
    // Test files run in forked workers of one vitest process: one marker per run keeps the log to one line.
    writeFileSync(join(tmpdir(), `s2m-container-note-${process.ppid}`), note, { flag: 'wx' });
    console.warn(`test database: no container (${note}); trying the local server, then PGlite`);
  } catch {
    // Already said by another worker of this run.
  }
}

let serverSearch: Promise<PostgresServer | null> | undefined;

/** The server tests use, or null when only PGlite is available. Found once per test file. */
export function findServer(): Promise<PostgresServer | null> {
  serverSearch ??= (async () => {
    if (process.env.TEST_DATABASE === 'pglite') return null;
    const fromEnv = process.env.TEST_DATABASE_URL;
    if (fromEnv) {
      if (await answers(fromEnv, 5000)) return { adminUrl: fromEnv, origin: 'TEST_DATABASE_URL' };
      throw new Error('TEST_DATABASE_URL is set but the server does not answer');
    }
    if (await dockerAnswers()) {
      const container = await containerServer();
      if (typeof container !== 'string') return container;
      noteContainerSkipped(container);
    } else {
      noteContainerSkipped(`no Docker engine answers at ${process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'}`);
    }
    const local = 'postgresql://postgres@127.0.0.1:5432/postgres';
    if (await answers(local)) return { adminUrl: local, origin: 'local' };
    return null;
  })();
  return serverSearch;
}

async function adminQuery(server: PostgresServer, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

let created = 0;

async function hasPsql(): Promise<boolean> {
  try {
    await execFileAsync('psql', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Runs a whole script on a database: psql when installed (as the shared schemas expect), else pg. */
async function runScript(url: string, path: string): Promise<void> {
  if (await hasPsql()) {
    try {
      await execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', path], { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new Error(`psql could not load ${path}: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(await readFile(path, 'utf8'));
  } finally {
    await client.end();
  }
}

function serverDatabase(server: PostgresServer, name: string): FreshDatabase {
  const url = withDatabase(server.adminUrl, name);
  const exec = async (text: string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    kind: 'server',
    url,
    name,
    exec,
    loadFile: (path) => runScript(url, path),
    open: () => openSource({ kind: 'database', url }),
    drop: () => adminQuery(server, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
  };
}

function pgliteDatabase(name: string): FreshDatabase {
  const scripts: string[] = [];
  let folder: string | undefined;
  return {
    kind: 'pglite',
    url: '',
    name,
    exec: async (text) => {
      scripts.push(text.endsWith(';') ? text : `${text};`);
    },
    loadFile: async (path) => {
      scripts.push(await readFile(path, 'utf8'));
    },
    open: async () => {
      folder ??= await mkdtemp(join(tmpdir(), 's2m-pglite-'));
      const file = join(folder, `${name}.sql`);
      await writeFile(file, scripts.join('\n'));
      return openSource({ kind: 'sql', paths: [file] });
    },
    drop: async () => {
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A new, empty database for one test file; call `drop()` in afterAll. */
export async function freshDatabase(label: string): Promise<FreshDatabase> {
  const name = `s2m_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++created}`;
  const server = await findServer();
  if (!server) return pgliteDatabase(name);
  await adminQuery(server, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  await adminQuery(server, `CREATE DATABASE ${quoteIdentifier(name)}`);
  return serverDatabase(server, name);
}

/** The model of a fresh database as it is now: introspected through its own source, closed afterwards. */
export async function introspectDatabase(database: FreshDatabase): Promise<DatabaseSchema> {
  const source = await database.open();
  try {
    return await introspect(source);
  } finally {
    await source.close();
  }
}

/** Path of a real schema in ../shared/schemas, or undefined (with a note on stderr) when it is absent. */
export function sharedSchema(file: string): string | undefined {
  const path = join(SHARED_SCHEMAS, file);
  if (existsSync(path)) return path;
  console.warn(`skipping tests on ${file}: ${SHARED_SCHEMAS} is not there (see DEVELOPERS.md, "Shared material")`);
  return undefined;
}

export function fixture(file: string): string {
  return join(FIXTURES, file);
}
