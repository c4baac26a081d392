/**
 * Sources of a catalog: a live PostgreSQL server (`--db`, `DATABASE_URL`, `PG*`) or SQL files loaded
 * into an embedded PGlite (`--sql`). Both end up as the same `CatalogSource`, so introspection is one code path.
 */
import type { CatalogSource } from './catalog-source.js';
import { openDatabaseSource } from './database-source.js';
import { openSqlSource } from './sql-source.js';

export type SourceSpec = { kind: 'database'; url?: string } | { kind: 'sql'; paths: string[] };

/**
 * Opens a read-only catalog session. `database` without `url` uses `DATABASE_URL`, then the `PG*`
 * variables, from `env` (default `process.env`). Throws `SchemaToMiroError` kind `database` (cannot
 * connect, bad URL) or `sql` (a file that does not load). Call `close()` when done.
 */
export async function openSource(spec: SourceSpec, env: NodeJS.ProcessEnv = process.env): Promise<CatalogSource> {
  return spec.kind === 'database' ? openDatabaseSource(spec.url, env) : openSqlSource(spec.paths, env);
}
