/**
 * A catalog source made from SQL files: the DDL is applied to an in-process PGlite (PostgreSQL compiled
 * to WebAssembly), whose catalog is then read by the same introspection code as a live server's.
 *
 * Loading follows what `psql -f` does against a server, so pg_dump output loads unchanged:
 * - statements run one by one, in file order; the first that fails stops the load with `file:line: reason`;
 * - psql meta-commands (`\connect`, `\restrict`, ...) are skipped, as is `COPY ... FROM stdin` with its data
 *   (a diagram needs the schema, not the rows);
 * - a role named by `OWNER TO`, `GRANT` or `SET ROLE` that does not exist is created (NOLOGIN) on the fly
 *   and the statement retried, since a dump's roles exist on the server it came from but not here;
 * - `CREATE EXTENSION` works for the contrib modules PGlite ships; another one is an error naming it.
 *
 * PGlite runs in a worker thread (pglite-thread.ts), so a statement that never ends (an endless `DO` loop,
 * `pg_sleep`) is stopped after the load's time limit with `file:line` of that statement.
 */
import { readFile } from 'node:fs/promises';
import { isSchemaToMiroError, SchemaToMiroError } from '../errors.js';
import { createCatalogSource, type CatalogSource } from './catalog-source.js';
import { extensionCreatedBy, shippedPgliteExtensions } from './pglite-extensions.js';
import { PgliteStatementError, startPgliteThread, type PgliteThread } from './pglite-thread.js';
import { SESSION_SETUP_SQL } from './session.js';
import { databaseNameOf, resolveSqlFiles } from './sql-files.js';
import { lineOfPosition, splitSqlStatements, type SqlStatement } from './sql-statements.js';

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
}

export const DEFAULT_LOAD_TIMEOUT_SECONDS = 120;

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

async function readSqlFiles(paths: readonly string[]): Promise<SqlFile[]> {
  const files: SqlFile[] = [];
  for (const path of await resolveSqlFiles(paths)) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new SchemaToMiroError('sql', `cannot read ${path}: ${code === 'EISDIR' ? 'is a folder' : code}`);
    }
    files.push({ path, statements: splitSqlStatements(text.replace(/^\uFEFF/, '')) });
  }
  return files;
}

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
  for (let created = 0; ; created++) {
    try {
      await run(file, statement, statement.text);
      return;
    } catch (error) {
      const fields = errorFields(error);
      const role = MISSING_ROLE.exec(fields.message)?.[1]?.replace(/""/g, '"');
      if (isSchemaToMiroError(error)) throw error;
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
  const files = await readSqlFiles(paths);
  const extensionNames = files.flatMap((file) =>
    file.statements.map(extensionCreatedBy).filter((name): name is string => name !== undefined),
  );
  const db = await startPgliteThread({ extensions: [...new Set(extensionNames)], env: { ...env } });
  // The limit is on the files' statements: starting the embedded PostgreSQL is not the user's SQL.
  const run = deadlineRunner(db, timeoutSeconds, Date.now());
  try {
    for (const [index, file] of files.entries()) {
      options.onFile?.(index + 1, files.length, file.path);
      for (const statement of file.statements) {
        if (!statement.copyFromStdin) await applyStatement(run, file, statement);
      }
    }
    await db.exec(SESSION_SETUP_SQL);
  } catch (error) {
    await db.stop().catch(() => undefined);
    throw error;
  }
  const description = files.length === 1 ? (files[0]?.path ?? '') : `${files.length} SQL files from ${paths.join(', ')}`;
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
