/**
 * A catalog source made from SQL files: the DDL is applied to an in-process PGlite (PostgreSQL compiled
 * to WebAssembly), whose catalog is then read by the same introspection code as a live server's.
 *
 * Loading follows what `psql -f` does against a server, so pg_dump output loads unchanged:
 * - statements run one by one, in file order; the first that fails stops the load with `file:line: reason`;
 * - psql's `\i` / `\include` (relative to the working folder) and `\ir` / `\include_relative` (relative to
 *   the including file) are followed, a cycle refused; other meta-commands (`\connect`, `\restrict`, ...)
 *   are skipped with a warning, as is `COPY ... FROM stdin` with its data (a diagram needs the schema, not the rows);
 * - `COPY ... PROGRAM` (a shell command) is refused with `file:line`; a binary file is not SQL;
 * - a role named by `OWNER TO`, `GRANT` or `SET ROLE` that does not exist is created (NOLOGIN) on the fly
 *   and the statement retried, since a dump's roles exist on the server it came from but not here;
 * - `CREATE EXTENSION` works for the contrib modules PGlite ships; another one is an error naming it.
 *
 * PGlite runs in a worker thread (pglite-thread.ts), so a statement that never ends (an endless `DO` loop,
 * `pg_sleep`) is stopped after the load's time limit with `file:line` of that statement.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isSchemaToMiroError, SchemaToMiroError } from '../errors.js';
import { createCatalogSource, type CatalogSource } from './catalog-source.js';
import { extensionCreatedBy, shippedPgliteExtensions } from './pglite-extensions.js';
import { PgliteStatementError, startPgliteThread, type PgliteThread } from './pglite-thread.js';
import { SESSION_SETUP_SQL } from './session.js';
import { databaseNameOf, resolveSqlFiles } from './sql-files.js';
import { lineOfPosition, splitSqlScript, type SqlStatement } from './sql-statements.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS } from './load-timeout.js';

/** A run of statements from one file; a file with `\i` includes becomes several, around the included ones. */
interface SqlFile {
  path: string;
  statements: SqlStatement[];
}

interface PostgresErrorFields {
  message: string;
  code?: string;
  position?: string | number;
}

/** How a `--sql` load is watched. */
export interface SqlLoadOptions {
  /** Stop the load (exit 4, naming the running statement) after this long; default 120 s. */
  timeoutSeconds?: number;
  /** Called as each file starts loading, 1-based. */
  onFile?: (index: number, total: number, path: string) => void;
  /** A psql meta-command that was skipped, as `file:line: ...`. */
  onWarning?: (message: string) => void;
}


function errorFields(error: unknown): PostgresErrorFields {
  if (error instanceof PgliteStatementError) return error.fields;
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, position } = error as { code?: unknown; position?: unknown };
  return {
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof position === 'string' || typeof position === 'number' ? { position } : {}),
  };
}

/** A missing role is the one failure we repair: the role exists wherever the dump came from. */
const MISSING_ROLE = /^role "((?:[^"]|"")+)" does not exist$/;
const MAX_ROLES_PER_STATEMENT = 8;

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The files of `--sql`, each with its `\i` includes spliced in where they stand (a list per argument file). */
async function readSqlFiles(paths: readonly string[], warn: (message: string) => void): Promise<SqlFile[][]> {
  const result: SqlFile[][] = [];
  for (const path of await resolveSqlFiles(paths)) {
    const segments: SqlFile[] = [];
    await readWithIncludes(path, [], segments, warn);
    result.push(segments);
  }
  return result;
}

const INCLUDE = /^\\(i|include|ir|include_relative)\s+(.+)$/;

async function readWithIncludes(path: string, chain: readonly string[], out: SqlFile[], warn: (message: string) => void): Promise<void> {
  const { statements, metaCommands } = splitSqlScript(await readSqlText(path));
  let from = 0;
  for (const meta of metaCommands) {
    const include = INCLUDE.exec(meta.text);
    if (include === null) {
      warn(`${path}:${meta.line}: skipped the psql meta-command ${meta.text.split(/\s/)[0]} (only \\i and \\ir are followed)`);
      continue;
    }
    out.push({ path, statements: statements.slice(from, meta.before) });
    from = meta.before;
    const [, command = 'i', raw = ''] = include;
    const relative = command === 'ir' || command === 'include_relative';
    // psql: \ir from the including file's folder, \i from the working folder.
    const target = resolve(relative ? dirname(path) : process.cwd(), raw.trim().replace(/^'(.*)'$/, '$1'));
    const ancestors = [...chain, resolve(path)];
    if (ancestors.includes(target)) {
      throw new SchemaToMiroError('sql', `${path}:${meta.line}: ${meta.text} includes a file already being loaded (cycle: ${[...ancestors, target].join(' -> ')})`);
    }
    await readWithIncludes(target, ancestors, out, warn).catch((error: unknown) => {
      if (isSchemaToMiroError(error) && /^cannot read /.test(error.message)) {
        throw new SchemaToMiroError('sql', `${path}:${meta.line}: ${meta.text}: ${error.message}`);
      }
      throw error;
    });
  }
  out.push({ path, statements: statements.slice(from) });
}

/** A file's text; a file with NUL bytes is binary (a dump in pg_dump's custom format, an image), not SQL. */
async function readSqlText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    const reason = code === 'EISDIR' ? 'is a folder' : code === 'ENOENT' ? 'no such file' : code;
    throw new SchemaToMiroError('sql', `cannot read ${path}: ${reason}`);
  }
  if (bytes.includes(0)) {
    throw new SchemaToMiroError(
      'sql',
      `${path}: not a text SQL file (it holds binary data; a pg_dump archive must be turned into SQL first: pg_restore -f schema.sql ${basename(path)})`,
    );
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** `COPY ... TO PROGRAM` / `FROM PROGRAM` runs a shell command: never in the embedded PostgreSQL. */
const COPY_PROGRAM = /^\s*copy\b[\s\S]*\b(?:to|from)\s+program\b/i;

async function failureMessage(file: SqlFile, statement: SqlStatement, error: PostgresErrorFields): Promise<string> {
  const position = Number(error.position);
  const line = Number.isFinite(position) && position > 0 ? lineOfPosition(statement, position) : statement.line;
  const where = `${file.path}:${line}`;
  const extension = extensionCreatedBy(statement);
  if (extension !== undefined && /is not available|could not open extension control file/i.test(error.message)) {
    const shipped = await shippedPgliteExtensions();
    const list = shipped.length > 0 ? ` (it has: ${shipped.join(', ')})` : '';
    return `${where}: extension "${extension}" is not available in the embedded PostgreSQL${list}; load this schema into a PostgreSQL server that has it and use --db`;
  }
  return `${where}: ${error.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** Runs each statement against the deadline; past it, the thread is stopped and the statement named. */
type Runner = (file: SqlFile, statement: SqlStatement, text: string) => Promise<void>;

function deadlineRunner(db: PgliteThread, timeoutSeconds: number, startedAt: number): Runner {
  return async (file, statement, text) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void db.stop();
        reject(
          new SchemaToMiroError(
            'sql',
            `${file.path}:${statement.line}: still running after ${timeoutSeconds} s, the load was stopped (--load-timeout ${timeoutSeconds}; an endless loop or a long sleep?)`,
          ),
        );
      }, Math.max(0, startedAt + timeoutSeconds * 1000 - Date.now()));
    });
    try {
      await Promise.race([db.exec(text), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}

async function applyStatement(run: Runner, file: SqlFile, statement: SqlStatement): Promise<void> {
  if (COPY_PROGRAM.test(statement.text)) {
    throw new SchemaToMiroError(
      'sql',
      `${file.path}:${statement.line}: COPY ... PROGRAM runs a shell command, which a schema load never does; remove it from the file`,
    );
  }
  for (let created = 0; ; created++) {
    try {
      await run(file, statement, statement.text);
      return;
    } catch (error) {
      const fields = errorFields(error);
      const role = MISSING_ROLE.exec(fields.message)?.[1]?.replace(/""/g, '"');
      if (isSchemaToMiroError(error)) throw error;
      if (!(error instanceof PgliteStatementError)) {
        // The embedded PostgreSQL itself failed (not the statement): still a load error at this statement.
        throw new SchemaToMiroError('sql', `${file.path}:${statement.line}: the embedded PostgreSQL failed on this statement (${fields.message})`, { cause: error });
      }
      if (fields.code === '42704' && role !== undefined && created < MAX_ROLES_PER_STATEMENT) {
        await run(file, statement, `CREATE ROLE ${quoteIdentifier(role)} NOLOGIN`);
        continue;
      }
      throw new SchemaToMiroError('sql', await failureMessage(file, statement, fields), { cause: error });
    }
  }
}

export async function openSqlSource(paths: readonly string[], env: NodeJS.ProcessEnv, options: SqlLoadOptions = {}): Promise<CatalogSource> {
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_LOAD_TIMEOUT_SECONDS;
  const tops = await readSqlFiles(paths, options.onWarning ?? (() => undefined));
  const files = tops.flat();
  const extensionNames = files.flatMap((file) =>
    file.statements.map(extensionCreatedBy).filter((name): name is string => name !== undefined),
  );
  const db = await startPgliteThread({ extensions: [...new Set(extensionNames)], env: { ...env } });
  // The limit is on the files' statements: starting the embedded PostgreSQL is not the user's SQL.
  const run = deadlineRunner(db, timeoutSeconds, Date.now());
  try {
    for (const [index, segments] of tops.entries()) {
      options.onFile?.(index + 1, tops.length, segments[0]?.path ?? '');
      for (const file of segments) {
        for (const statement of file.statements) {
          if (!statement.copyFromStdin) await applyStatement(run, file, statement);
        }
      }
    }
    await db.exec(SESSION_SETUP_SQL);
  } catch (error) {
    await db.stop().catch(() => undefined);
    throw error;
  }
  const description = tops.length === 1 ? (tops[0]?.[0]?.path ?? '') : `${tops.length} SQL files from ${paths.join(', ')}`;
  return createCatalogSource({
    kind: 'sql',
    description,
    database: databaseNameOf(paths),
    run: (text, parameters) => db.query(text, parameters),
    close: async () => {
      await db.close().catch(() => undefined);
    },
  });
}
