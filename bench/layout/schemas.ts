/**
 * The schemas the layout benchmark lays out: the real ones in ../shared/schemas and synthetic ones of
 * 100, 500 and 1,000 tables (about 1.5 foreign keys per table), all loaded through the project's own
 * source + introspect stages (embedded PostgreSQL), exactly as `--sql` would load them.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { readSchema } from '../../src/pipeline.js';
import { syntheticSchemaSql } from '../../scripts/synthetic-schema.js';

export const SHARED_SCHEMAS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'schemas');
export const REAL_SCHEMAS = ['chinook', 'pagila', 'lago-api'];
export const SYNTHETIC_SIZES = [100, 500, 1000];

export interface NamedSchema {
  label: string;
  schema: DatabaseSchema;
}

function load(paths: string[]): Promise<DatabaseSchema> {
  return readSchema({ kind: 'sql', paths });
}

/** Real schemas that exist under ../shared/schemas (a message for each one missing). */
export async function realSchemas(log: (line: string) => void): Promise<NamedSchema[]> {
  const out: NamedSchema[] = [];
  for (const name of REAL_SCHEMAS) {
    const path = join(SHARED_SCHEMAS, `${name}.sql`);
    if (!existsSync(path)) {
      log(`skipping ${name}: ${path} not found (../shared is not beside the project)`);
      continue;
    }
    out.push({ label: name, schema: await load([path]) });
  }
  return out;
}

export async function syntheticSchemas(sizes: readonly number[] = SYNTHETIC_SIZES): Promise<NamedSchema[]> {
  const dir = mkdtempSync(join(tmpdir(), 'layout-bench-'));
  try {
    const out: NamedSchema[] = [];
    for (const tables of sizes) {
      const path = join(dir, `synthetic_${tables}.sql`);
      writeFileSync(path, syntheticSchemaSql({ tables, foreignKeys: Math.round(tables * 1.5) }));
      out.push({ label: `synthetic-${tables}`, schema: await load([path]) });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
