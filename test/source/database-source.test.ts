/**
 * The `--db` source against a live server: how it connects, the session it runs in, and the one-line
 * errors (never with the password) for everything that can go wrong before the first catalog query.
 */
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { openSource, type CatalogSource } from '../../src/source/index.js';
import { findServer, freshDatabase, type FreshDatabase } from '../support/database.js';

const server = await findServer();
if (!server) console.warn('database source: no PostgreSQL server found, live-server tests skipped');

async function settingsOf(source: CatalogSource): Promise<Record<string, unknown>> {
  const result = await sql<Record<string, unknown>>`select current_setting('application_name') as application_name,
      current_setting('transaction_read_only') as read_only, current_setting('statement_timeout') as statement_timeout,
      current_setting('search_path') as search_path, current_setting('transaction_isolation') as isolation`.execute(source.db);
  return result.rows[0] ?? {};
}

describe.skipIf(!server)('a live server', () => {
  let database: FreshDatabase;
  let url: URL;

  beforeAll(async () => {
    database = await freshDatabase('source');
    await database.exec('CREATE TABLE t (id int PRIMARY KEY)');
    url = new URL(database.url);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('opens a URL into a read-only, tagged, time-limited session and closes it', async () => {
    const source = await openSource({ kind: 'database', url: database.url });
    expect(source.kind).toBe('database');
    expect(source.database).toBe(database.name);
    expect(source.description).toBe(`postgresql://${url.username}@${url.hostname}:${url.port || 5432}/${database.name}`);
    expect(await settingsOf(source)).toEqual({
      application_name: 'schema-to-miro',
      read_only: 'on',
      statement_timeout: '1min',
      search_path: 'pg_catalog',
      isolation: 'repeatable read',
    });
    await expect(sql`create table public.written (id int)`.execute(source.db)).rejects.toMatchObject({
      kind: 'database',
      message: expect.stringContaining('cannot execute CREATE TABLE in a read-only transaction'),
    });
    expect(source.queryCount()).toBe(2);
    await source.close();
    await source.close();
    await expect(sql`select 1`.execute(source.db)).rejects.toThrow(/is closed/);
  });

  it('takes DATABASE_URL, then PG* variables, when no URL is given', async () => {
    const fromDatabaseUrl = await openSource({ kind: 'database' }, { DATABASE_URL: database.url });
    expect(fromDatabaseUrl.database).toBe(database.name);
    await fromDatabaseUrl.close();
    const fromPg = await openSource(
      { kind: 'database' },
      { PGHOST: url.hostname, PGPORT: url.port || '5432', PGUSER: decodeURIComponent(url.username), PGDATABASE: database.name, PGSSLMODE: 'disable' },
    );
    expect(fromPg.database).toBe(database.name);
    expect((await introspect(fromPg)).tables.map((t) => t.name)).toEqual(['t']);
    await fromPg.close();
  });

  it.skipIf(!existsSync('/var/run/postgresql/.s.PGSQL.5432') || server?.origin !== 'local')('connects through a unix socket', async () => {
    const source = await openSource({ kind: 'database', url: `postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/${database.name}` });
    expect(source.description).toBe(`postgresql://postgres@/${database.name}?host=/var/run/postgresql&port=5432`);
    expect((await introspect(source)).tables).toHaveLength(1);
    await source.close();
  });

  it('honours sslmode: disable connects, require fails clearly on a server without SSL', async () => {
    const plain = new URL(database.url);
    plain.searchParams.set('sslmode', 'disable');
    const source = await openSource({ kind: 'database', url: plain.toString() });
    expect(source.database).toBe(database.name);
    await source.close();
    const required = new URL(database.url);
    required.searchParams.set('sslmode', 'require');
    const attempt = openSource({ kind: 'database', url: required.toString() });
    // The local development server runs without SSL; a server with SSL would accept this.
    await attempt.then(
      (opened) => opened.close(),
      (error: unknown) => expect(error).toMatchObject({ kind: 'database', message: expect.stringMatching(/does not accept SSL connections but sslmode=require/) }),
    );
  });

  it('names a database that does not exist', async () => {
    const missing = new URL(database.url);
    missing.pathname = '/no_such_database_s2m';
    await expect(openSource({ kind: 'database', url: missing.toString() })).rejects.toMatchObject({
      kind: 'database',
      message: `cannot connect to postgresql://${url.username}@${url.hostname}:${url.port || 5432}/no_such_database_s2m: database "no_such_database_s2m" does not exist`,
    });
  });

  it('reports an empty database', async () => {
    const empty = await freshDatabase('empty');
    try {
      const source = await empty.open();
      await expect(introspect(source)).rejects.toMatchObject({
        kind: 'database',
        message: `no tables found in database "${empty.name}" (${source.description})`,
      });
      await source.close();
    } finally {
      await empty.drop();
    }
  });
});

describe('connection failures', () => {
  it('reports a refused connection in one line', async () => {
    await expect(openSource({ kind: 'database', url: 'postgresql://app:hunter2@127.0.0.1:1/shop' })).rejects.toMatchObject({
      kind: 'database',
      message: 'cannot connect to postgresql://app@127.0.0.1:1/shop: connection refused by 127.0.0.1:1 (is PostgreSQL running and listening there?)',
    });
  });

  it('reports a URL that is not a PostgreSQL URL without its password', async () => {
    await expect(openSource({ kind: 'database', url: 'http://app:hunter2@localhost/shop' })).rejects.toMatchObject({
      kind: 'database',
      message: 'invalid database URL "http://app:***@localhost/shop": it must start with postgresql:// or postgres://, or be libpq key=value pairs (host=... dbname=...)',
    });
  });

  it('says when the other end is not PostgreSQL', async () => {
    const server = createServer((socket) => socket.on('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await expect(openSource({ kind: 'database', url: `postgresql://u@127.0.0.1:${port}/d` })).rejects.toMatchObject({
        kind: 'database',
        message: `cannot connect to postgresql://u@127.0.0.1:${port}/d: the other end did not answer as PostgreSQL (is 127.0.0.1:${port} a PostgreSQL server?)`,
      });
      await expect(openSource({ kind: 'database', url: `postgresql://u@127.0.0.1:${port}/d?sslmode=disable` })).rejects.toMatchObject({
        message: `cannot connect to postgresql://u@127.0.0.1:${port}/d: 127.0.0.1:${port} closed the connection before answering as PostgreSQL (is it a PostgreSQL server?)`,
      });
    } finally {
      server.close();
    }
  });

  it('reports a missing unix socket', async () => {
    await expect(openSource({ kind: 'database', url: 'postgresql://app@%2Fnonexistent%2Fsocket/shop' })).rejects.toMatchObject({
      kind: 'database',
      message: expect.stringMatching(/^cannot connect to postgresql:\/\/app@\/shop\?host=\/nonexistent\/socket&port=5432: no PostgreSQL socket/),
    });
  });

  describe('against a server that asks for a password and rejects it', () => {
    // A minimal PostgreSQL wire-protocol server: refuses SSL, asks for a cleartext password, rejects it.
    let fake: Server;
    let port = 0;
    const received: string[] = [];

    function errorResponse(code: string, message: string): Buffer {
      const fields = Buffer.concat([
        Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0`, 'utf8'),
        Buffer.from([0]),
      ]);
      const header = Buffer.alloc(5);
      header.write('E', 0);
      header.writeInt32BE(fields.length + 4, 1);
      return Buffer.concat([header, fields]);
    }

    beforeAll(async () => {
      fake = createServer((socket: Socket) => {
        let startupSeen = false;
        socket.on('data', (chunk) => {
          if (!startupSeen) {
            // SSLRequest is 8 bytes with code 80877103: answer 'N' and wait for the real startup packet.
            if (chunk.length === 8 && chunk.readInt32BE(4) === 80877103) {
              socket.write('N');
              return;
            }
            startupSeen = true;
            const ask = Buffer.alloc(9);
            ask.write('R', 0);
            ask.writeInt32BE(8, 1);
            ask.writeInt32BE(3, 5); // AuthenticationCleartextPassword
            socket.write(ask);
            return;
          }
          received.push(chunk.toString('utf8'));
          socket.end(errorResponse('28P01', 'password authentication failed for user "app"'));
        });
        socket.on('error', () => undefined);
      });
      await new Promise<void>((done) => fake.listen(0, '127.0.0.1', done));
      const address = fake.address();
      port = typeof address === 'object' && address ? address.port : 0;
    });

    afterAll(async () => {
      await new Promise((done) => fake.close(done));
    });

    it('names the user and never the password', async () => {
      const attempt = openSource({ kind: 'database', url: `postgresql://app:hunter2@127.0.0.1:${port}/shop` });
      await expect(attempt).rejects.toMatchObject({
        kind: 'database',
        message: `cannot connect to postgresql://app@127.0.0.1:${port}/shop: password authentication failed for user "app"`,
      });
      const error = await attempt.catch((caught: unknown) => caught);
      expect(String((error as Error).message)).not.toContain('hunter2');
      expect(received.join('')).toContain('hunter2'); // it was sent to the server, as it should be
    });

    it('says a password is needed when none was given', async () => {
      await expect(
        openSource({ kind: 'database', url: `postgresql://app@127.0.0.1:${port}/shop` }, {}),
      ).rejects.toMatchObject({
        kind: 'database',
        message: `cannot connect to postgresql://app@127.0.0.1:${port}/shop: password authentication failed for user "app": no password was given (put it in the URL, PGPASSWORD or ~/.pgpass)`,
      });
    });
  });
});
