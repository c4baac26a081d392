/**
 * Areas are stable: on lago-api and a generated 500-table schema, a one-table migration (a new table
 * referencing one table; a pendant table dropped) moves no table outside the changed table's area, and
 * the same schema gives the same bytes. Loaded through `--sql` (source + introspect), as the CLI does.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDiagram } from '../../src/graph/index.js';
import { layoutDiagram } from '../../src/layout/index.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { readSchema } from '../../src/pipeline.js';
import { syntheticSchemaSql } from '../../scripts/synthetic-schema.js';
import { SHARED_SCHEMAS } from '../../bench/layout/schemas.js';
import { coreTableToExtend, expectOnlyItsAreaChanged, pendantToDrop, type Drawn } from './support/area-stability.js';

const folder = mkdtempSync(join(tmpdir(), 's2m-area-stability-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function draw(paths: string[]): Promise<Drawn & { schema: DatabaseSchema }> {
  const schema = await readSchema({ kind: 'sql', paths });
  const diagram = buildDiagram(schema);
  return { schema, diagram, layout: await layoutDiagram(diagram) };
}

function migration(name: string, sql: string): string {
  const path = join(folder, `${name}.sql`);
  writeFileSync(path, sql);
  return path;
}

const lago = join(SHARED_SCHEMAS, 'lago-api.sql');
const cases: Array<{ label: string; base: () => string; skip: boolean }> = [
  { label: 'lago-api', base: () => lago, skip: !existsSync(lago) },
  { label: 'a generated 500-table schema', base: () => migration('generated', syntheticSchemaSql({ tables: 500, schemas: 1, profile: 'modular' })), skip: false },
];
if (!existsSync(lago)) console.warn(`skipping lago-api area stability: ${lago} not found`);

for (const { label, base, skip } of cases) {
  describe.skipIf(skip)(`areas of ${label} under a one-table migration`, () => {
    it('adding a table moves no table outside its area; dropping a pendant table neither; same input, same bytes', async () => {
      const basePath = base();
      const first = await draw([basePath]);
      expect((first.diagram.areas ?? []).length).toBeGreaterThan(10);
      expect(JSON.stringify(await layoutDiagram(buildDiagram(first.schema)))).toBe(JSON.stringify(first.layout));

      const target = coreTableToExtend(first.diagram);
      if (target === undefined) throw new Error('no table to extend');
      const [schema, name] = target.split('.') as [string, string];
      const table = first.schema.tables.find((t) => t.schema === schema && t.name === name)!;
      const key = table.primaryKey?.columns[0] ?? 'id';
      const type = table.columns.find((c) => c.name === key)?.type ?? 'bigint';
      const added = `${schema}.${name}_notes`;
      const grown = await draw([basePath, migration(`add-${label}`, `CREATE TABLE ${added} (id bigint PRIMARY KEY, ${name}_id ${type} REFERENCES ${target} (${key}), body text);`)]);
      expect((grown.diagram.areas ?? []).find((a) => a.tables.includes(added))?.tables).toContain(target);
      expectOnlyItsAreaChanged(first, grown, added);

      const dropped = pendantToDrop(first.diagram);
      if (dropped === undefined) throw new Error('no pendant table to drop');
      const shrunk = await draw([basePath, migration(`drop-${label}`, `DROP TABLE ${dropped};`)]);
      expect(shrunk.diagram.tables.some((t) => t.id === dropped)).toBe(false);
      expectOnlyItsAreaChanged(first, shrunk, dropped);
    }, 240_000);
  });
}
