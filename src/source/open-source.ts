/**
 * Sources of a catalog: a live PostgreSQL server (`--db`, `DATABASE_URL`, `PG*`) or SQL files loaded
 * into an embedded PGlite (`--sql`). Both end up as the same `CatalogSource`, so introspection is one code path.
 */
import type { CatalogSource } from './catalog-source.js';
import type { SqlLoadOptions } from './sql-source.js';

export type SourceSpec = { kind: 'database'; url?: string } | { kind: 'sql'; paths: string[]; loadTimeoutSeconds?: number };

/** What a source tells while it opens: each SQL file as it starts loading, and warnings (skipped meta-commands). */
export type SourceHooks = Pick<SqlLoadOptions, 'onFile' | 'onWarning'>;

/**
 * Opens a read-only catalog session. `database` without `url` uses `DATABASE_URL`, then the `PG*`
 * variables, from `env` (default `process.env`). Throws `SchemaToMiroError` kind `database` (cannot
 * connect, bad URL) or `sql` (a file that does not load). Call `close()` when done.
 */
export async function openSource(
  spec: SourceSpec,
  env: NodeJS.ProcessEnv = process.env,
  hooks: SourceHooks = {},
): Promise<CatalogSource> {
  // Each kind loads its engine only when asked for: `pg` for a server, PGlite (WebAssembly) for SQL files.
  if (spec.kind === 'database') return (await import('./database-source.js')).openDatabaseSource(spec.url, env, hooks.onWarning);
  const { openSqlSource } = await import('./sql-source.js');
  return openSqlSource(spec.paths, env, { ...hooks, ...(spec.loadTimeoutSeconds !== undefined ? { timeoutSeconds: spec.loadTimeoutSeconds } : {}) });
}
