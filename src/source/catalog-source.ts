/**
 * The one small interface through which the introspector reads a catalog, whatever holds it.
 */
import { Kysely } from 'kysely';
import { SchemaToMiroError } from '../errors.js';
import { QueryRunnerDialect, type QueryRunner } from './query-runner-dialect.js';

export interface CatalogSource {
  /** Where the catalog comes from, safe for logs and messages: never a password. */
  readonly description: string;
  /** `current_database()` for a server; for SQL files, the first file's (or folder's) base name. */
  readonly database: string;
  readonly kind: 'database' | 'sql';
  /**
   * Kysely over the source's session: one connection inside one read-only transaction with
   * `search_path = pg_catalog` (so every name outside pg_catalog prints schema-qualified) and a
   * statement timeout. It declares no tables: readers add the catalog tables they use with `withTables`.
   */
  readonly db: Kysely<object>;
  /** Statements sent through `db` so far (session setup and teardown are not counted). */
  queryCount(): number;
  /** Ends the session; safe to call twice. */
  close(): Promise<void>;
}

export interface CatalogSourceParts {
  kind: CatalogSource['kind'];
  description: string;
  database: string;
  run: QueryRunner;
  close: () => Promise<void>;
}

/** Wraps a runner with the query counter, the closed check and error messages that name the source. */
export function createCatalogSource(parts: CatalogSourceParts): CatalogSource {
  let count = 0;
  let closed = false;
  const run: QueryRunner = async (text, parameters) => {
    if (closed) throw new Error(`catalog source ${parts.description} is closed`);
    count++;
    try {
      return await parts.run(text, parameters);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SchemaToMiroError('database', `reading the catalog of ${parts.description} failed: ${reason}`, { cause: error });
    }
  };
  return {
    kind: parts.kind,
    description: parts.description,
    database: parts.database,
    db: new Kysely<object>({ dialect: new QueryRunnerDialect(run) }),
    queryCount: () => count,
    close: async () => {
      if (closed) return;
      closed = true;
      await parts.close();
    },
  };
}
