/**
 * PGlite runs no `CREATE EXTENSION` it was not started with: each contrib module must be imported from
 * `@electric-sql/pglite/contrib/<name>` and passed to `PGlite.create` up front. So the loader reads the
 * extension names out of the scripts first, then starts PGlite with exactly those.
 */
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Extension } from '@electric-sql/pglite';
import type { SqlStatement } from './sql-statements.js';

/** Built into PGlite itself: nothing to load. */
const BUILT_IN = new Set(['plpgsql']);

/** Extensions whose control file `requires` another; CASCADE needs both bundles loaded. */
const REQUIRES: Readonly<Record<string, readonly string[]>> = { earthdistance: ['cube'] };

const CREATE_EXTENSION = /^create\s+extension\s+(?:if\s+not\s+exists\s+)?("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)/i;

/** The extension a `CREATE EXTENSION` statement creates, as PostgreSQL folds the name; else undefined. */
export function extensionCreatedBy(statement: Pick<SqlStatement, 'text'>): string | undefined {
  const match = CREATE_EXTENSION.exec(statement.text);
  const raw = match?.[1];
  if (!raw) return undefined;
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
}

/** `uuid-ossp` lives in `contrib/uuid_ossp`, exported as `uuid_ossp`. */
function moduleNameOf(extension: string): string {
  return extension.replace(/-/g, '_');
}

function isExtension(value: unknown): value is Extension {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { setup?: unknown }).setup === 'function'
  );
}

/**
 * Imports PGlite's bundle for each named extension (plus what they require). Names PGlite does not ship
 * are left out: their `CREATE EXTENSION` then fails in PostgreSQL's words and the loader reports it.
 */
export async function loadPgliteExtensions(names: Iterable<string>): Promise<Record<string, Extension>> {
  const wanted = new Set<string>();
  for (const name of names) {
    if (BUILT_IN.has(name)) continue;
    wanted.add(name);
    for (const required of REQUIRES[name] ?? []) wanted.add(required);
  }
  const loaded: Record<string, Extension> = {};
  for (const name of [...wanted].sort()) {
    const moduleName = moduleNameOf(name);
    // Only plain names reach import(): an extension name is user input.
    if (!/^[a-z0-9_]+$/.test(moduleName)) continue;
    try {
      const module = (await import(`@electric-sql/pglite/contrib/${moduleName}`)) as Record<string, unknown>;
      const extension = module[moduleName];
      if (isExtension(extension)) loaded[moduleName] = extension;
    } catch {
      // Not shipped by this PGlite version.
    }
  }
  return loaded;
}

/** The contrib extensions this PGlite ships, for the message about one it lacks. */
export async function shippedPgliteExtensions(): Promise<string[]> {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const files = await readdir(join(dirname(entry), 'contrib'));
    return files
      .filter((file) => file.endsWith('.js'))
      .map((file) => file.slice(0, -3).replace(/^uuid_ossp$/, 'uuid-ossp'))
      .sort();
  } catch {
    return [];
  }
}
