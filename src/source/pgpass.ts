/**
 * The password file, read as libpq reads it (`PGPASSFILE`, else `~/.pgpass`): lines
 * `hostname:port:database:username:password`, `*` matching anything in the first four fields, `\` escaping
 * `:` and `\`, the first matching line winning; a file that group or others can read is ignored with
 * libpq's warning. Read here, not by `pg` (whose own support prints a DeprecationWarning on every run).
 */
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PgpassTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Unix-socket folders libpq treats as its default host, which `.pgpass` names `localhost`. */
const DEFAULT_SOCKET_DIRS = new Set(['/var/run/postgresql', '/run/postgresql', '/tmp']);

/** The fields of one line, unescaped; null for a comment or a line with fewer than five fields. */
export function pgpassFields(line: string): string[] | null {
  if (line.startsWith('#') || line.trim() === '') return null;
  const fields: string[] = [];
  let field = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) field += line[++i]!;
    else if (ch === ':' && fields.length < 4) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.length === 5 ? fields : null;
}

/** The password of the first line of `text` that matches `target`, else undefined. */
export function pgpassPassword(text: string, target: PgpassTarget): string | undefined {
  const host = target.host === '' || DEFAULT_SOCKET_DIRS.has(target.host) ? 'localhost' : target.host;
  const wanted = [host, String(target.port), target.database, target.user];
  for (const line of text.split(/\r?\n/)) {
    const fields = pgpassFields(line);
    if (fields === null) continue;
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4];
  }
  return undefined;
}

/** Reads the password file for `target`; `warn` gets libpq's warning about a file others can read. */
export async function readPgpass(target: PgpassTarget, env: NodeJS.ProcessEnv, warn: (message: string) => void): Promise<string | undefined> {
  const path = env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile()) return undefined;
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    warn(`password file "${path}" has group or world access; permissions should be u=rw (0600) or less, so it was not read`);
    return undefined;
  }
  const text = await readFile(path, 'utf8').catch(() => '');
  return pgpassPassword(text, target);
}
