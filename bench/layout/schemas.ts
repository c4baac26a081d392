/**
 * The schemas the layout benchmark lays out: the real ones in ../shared/schemas, uniform synthetic ones of
 * 100, 500 and 1,000 tables (about 1.5 foreign keys per table) and modular synthetic ones of 100 to 1,000
 * tables in 1 to 10 schemas with hubs (scripts/modular-schema.ts), all loaded through the project's own
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
/** Modular synthetic cases (hubs of 40-150 references, subject modules, cross-schema relations): tables x schemas. */
export const MODULAR_CASES: ReadonlyArray<{ tables: number; schemas: number }> = [
  { tables: 100, schemas: 1 },
  { tables: 100, schemas: 5 },
  { tables: 500, schemas: 1 },
  { tables: 500, schemas: 10 },
  { tables: 1000, schemas: 5 },
  { tables: 1000, schemas: 10 },
];

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

/** The uniform synthetic cases (`synthetic-N`) and the modular ones (`gen-NxS`); `wanted` filters by label. */
export async function syntheticSchemas(wanted: (label: string) => boolean = () => true): Promise<NamedSchema[]> {
  const dir = mkdtempSync(join(tmpdir(), 'layout-bench-'));
  const cases = [
    ...SYNTHETIC_SIZES.map((tables) => ({ label: `synthetic-${tables}`, options: { tables, foreignKeys: Math.round(tables * 1.5) } })),
    ...MODULAR_CASES.map(({ tables, schemas }) => ({ label: `gen-${tables}x${schemas}`, options: { tables, schemas, profile: 'modular' as const } })),
  ].filter((c) => wanted(c.label));
  try {
    const out: NamedSchema[] = [];
    for (const { label, options } of cases) {
      const path = join(dir, `${label}.sql`);
      writeFileSync(path, syntheticSchemaSql(options));
      out.push({ label, schema: await load([path]) });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
