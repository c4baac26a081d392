/**
 * A catalog source over a live PostgreSQL server, through `pg`.
 *
 * One connection, tagged `application_name=schema-to-miro`, running one REPEATABLE READ READ ONLY
 * transaction (every catalog query sees the same snapshot, and nothing can be written), with a statement
 * timeout; the transaction is rolled back on close.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import pg from 'pg';
import { SchemaToMiroError } from '../errors.js';
import { createCatalogSource, type CatalogSource } from './catalog-source.js';
import { connectionError } from './connection-errors.js';
import { describeConnection, isUnixSocket, type ConnectionSettings } from './connection-settings.js';
import { resolveConnection } from './connection-service.js';
import { readPgpass } from './pgpass.js';
import { SESSION_SETUP_SQL } from './session.js';

export const APPLICATION_NAME = 'schema-to-miro';

type SslOption = pg.ClientConfig['ssl'];

function readCertificate(path: string | undefined, what: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new SchemaToMiroError('database', `cannot read the ${what} file ${path} (${code})`);
  }
}

/** libpq's sslmode semantics mapped onto Node's TLS options; the list is what to try, in order. */
function sslAttempts(settings: ConnectionSettings): SslOption[] {
  // libpq never uses SSL over a unix socket.
  if (isUnixSocket(settings) || settings.sslMode === 'disable') return [false];
  const ca = readCertificate(settings.sslRootCert, 'sslrootcert');
  const cert = readCertificate(settings.sslCert, 'sslcert');
  const key = readCertificate(settings.sslKey, 'sslkey');
  // Connected by address (hostaddr), the certificate is still checked against the host's name.
  const servername = settings.hostAddress !== undefined && isIP(settings.host) === 0 ? { servername: settings.host } : {};
  const material = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), ...servername };
  switch (settings.sslMode) {
    case 'allow':
      return [false, { ...material, rejectUnauthorized: false }];
    case 'prefer':
      return [{ ...material, rejectUnauthorized: false }, false];
    case 'require':
      // As libpq: with a root certificate, require behaves as verify-ca.
      return ca ? [{ ...material, checkServerIdentity: () => undefined }] : [{ ...material, rejectUnauthorized: false }];
    case 'verify-ca':
      return [{ ...material, checkServerIdentity: () => undefined }];
    case 'verify-full':
      return [{ ...material }];
  }
}

/** Should the next sslmode attempt be tried after this failure (prefer falls back, allow steps up)? */
function worthRetrying(error: unknown, ssl: SslOption): boolean {
  const message = error instanceof Error ? error.message : '';
  if (ssl) return /does not support SSL/i.test(message);
  const code = (error as { code?: string }).code;
  return code === '28000' && /no encryption|SSL/i.test(message);
}

async function connect(
  settings: ConnectionSettings,
  description: string,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): Promise<pg.Client> {
  const attempts = sslAttempts(settings);
  for (let i = 0; ; i++) {
    const ssl = attempts[i] ?? false;
    const client = new pg.Client({
      host: settings.hostAddress ?? settings.host,
      port: settings.port,
      user: settings.user,
      // Asked for only when the server wants one; without a password given, ~/.pgpass (PGPASSFILE) as libpq
      // reads it (pgpass.ts), never pg's own lookup. An empty answer gets "no password was given".
      password: async () => settings.password ?? (await readPgpass(settings, env, warn)) ?? '',
      database: settings.database,
      ssl,
      application_name: APPLICATION_NAME,
      connectionTimeoutMillis: settings.connectTimeoutSeconds * 1000,
    });
    // A server that goes away between queries must not crash the process with an unhandled 'error'.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (i + 1 < attempts.length && worthRetrying(error, ssl)) continue;
      throw connectionError(error, description, settings);
    }
  }
}

export async function openDatabaseSource(
  url: string | undefined,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void = () => undefined,
): Promise<CatalogSource> {
  const settings = await resolveConnection(url, env);
  const description = describeConnection(settings);
  const client = await connect(settings, description, env, warn);
  let database: string;
  try {
    await client.query(SESSION_SETUP_SQL);
    const result = await client.query<{ database: string }>('SELECT current_database() AS database');
    database = result.rows[0]?.database ?? settings.database;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionError(error, description, settings);
  }
  // pg wants one query at a time per client; callers may issue several at once, so chain them.
  let previous: Promise<unknown> = Promise.resolve();
  const run = (text: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]> => {
    const result = previous.then(async () => (await client.query(text, [...parameters])).rows as Record<string, unknown>[]);
    previous = result.catch(() => undefined);
    return result;
  };
  return createCatalogSource({
    kind: 'database',
    description,
    database,
    run,
    close: async () => {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  });
}
