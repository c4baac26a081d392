/**
 * libpq's connection service file: `service=name` in the connection string (or `PGSERVICE`) names a group
 * `[name]` of `keyword=value` lines, read from `PGSERVICEFILE` (else `~/.pg_service.conf`), and when that
 * file lacks the group from `PGSYSCONFDIR/pg_service.conf` (else the system's,
 * `/etc/postgresql-common/pg_service.conf` as Debian's libpq is built). Its parameters fill what the
 * connection string leaves out and win over the `PG*` variables (connection-settings.ts). As libpq: the
 * first file holding the group is the only one read, a keyword's first line wins, a nested `service` is
 * refused, and an unknown service stops the run. A password there is never shown in a message.
 */
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { applyParameter, explicitConnection, resolveConnectionSettings, serviceName, type ConnectionSettings, type UrlParts } from './connection-settings.js';

/** Where Debian's libpq looks when `PGSYSCONFDIR` is not set. */
export const SYSTEM_SERVICE_DIR = '/etc/postgresql-common';

/** The service files libpq reads, in order: the user's, then the system's. */
export function serviceFiles(env: NodeJS.ProcessEnv): string[] {
  const user = env.PGSERVICEFILE || join(env.HOME || homedir(), '.pg_service.conf');
  const system = join(env.PGSYSCONFDIR || SYSTEM_SERVICE_DIR, 'pg_service.conf');
  return [user, system];
}

/**
 * The parameters of group `[service]` in a service file's `text`, or null when the file has no such group.
 * `path` names the file in messages.
 */
export function serviceParameters(text: string, service: string, path: string): UrlParts | null {
  let inGroup = false;
  let found = false;
  const parts: UrlParts = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `the service file "${path}", line ${index + 1}`;
    if (line.startsWith('[')) {
      if (inGroup) break; // the end of the group asked for
      inGroup = line === `[${service}]`;
      found ||= inGroup;
      continue;
    }
    if (!inGroup) continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new SchemaToMiroError('database', `syntax error in ${where}: expected keyword=value`);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'service') throw new SchemaToMiroError('database', `nested service specifications are not supported (${where})`);
    const one: UrlParts = {};
    applyParameter(one, key, value, where, where);
    // libpq keeps a keyword's first value.
    for (const [name, parsed] of Object.entries(one) as [keyof UrlParts, never][]) if (parts[name] === undefined) parts[name] = parsed;
  }
  return found ? parts : null;
}

/** The parameters of `service`, from the first service file that has it; a clear error when none has. */
export async function readService(service: string, env: NodeJS.ProcessEnv, namedBy: string): Promise<UrlParts> {
  const files = serviceFiles(env);
  for (const path of files) {
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue;
    const parts = serviceParameters(text, service, path);
    if (parts !== null) return parts;
  }
  throw new SchemaToMiroError(
    'database',
    `connection service "${service}" (${namedBy}) is not defined in ${files.map((f) => `"${f}"`).join(' or ')}; set PGSERVICEFILE or PGSYSCONFDIR to the file that defines it`,
  );
}

/** Where to connect: the connection string, the service it or `PGSERVICE` names, the `PG*` variables, libpq's defaults. */
export async function resolveConnection(url: string | undefined, env: NodeJS.ProcessEnv, osUser?: string): Promise<ConnectionSettings> {
  const explicit = explicitConnection(url, env);
  const service = serviceName(explicit, env);
  const parameters = service === undefined ? {} : await readService(service, env, explicit.service !== undefined ? 'service= in the connection string' : 'PGSERVICE');
  return resolveConnectionSettings(url, env, osUser ?? env.USER ?? userInfo().username, parameters);
}
