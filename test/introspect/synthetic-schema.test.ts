/**
 * The synthetic schema generator (scripts/synthetic-schema.ts): deterministic, shaped like real
 * schemas, and loadable: what it declares is what introspection reads back.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { syntheticSchemaSql } from '../../scripts/synthetic-schema.js';
import { REPO_ROOT, freshDatabase, type FreshDatabase } from '../support/database.js';

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('syntheticSchemaSql', () => {
  it('is byte-identical for the same options and differs with the seed', () => {
    const options = { tables: 120, foreignKeys: 180, seed: 7 };
    expect(syntheticSchemaSql(options)).toBe(syntheticSchemaSql(options));
    expect(syntheticSchemaSql({ ...options, seed: 8 })).not.toBe(syntheticSchemaSql(options));
  });

  it('declares the tables, foreign keys and schemas asked for', () => {
    const text = syntheticSchemaSql({ tables: 300, foreignKeys: 450, schemas: 3 });
    expect(count(text, /^CREATE TABLE /gm)).toBe(300);
    expect(count(text, / REFERENCES /g)).toBe(450);
    expect(count(text, /^CREATE SCHEMA /gm)).toBe(2);
    expect(new Set(text.match(/^CREATE TABLE (\w+)\./gm)).size).toBe(3);
  });

  it('has hub tables, self-references and isolated tables, like real schemas', () => {
    const text = syntheticSchemaSql({ tables: 500, foreignKeys: 750 });
    const targets = [...text.matchAll(/ REFERENCES (\S+) \(id\)/g)].map((m) => m[1]);
    const perTarget = new Map<string, number>();
    for (const target of targets) perTarget.set(target as string, (perTarget.get(target as string) ?? 0) + 1);
    const busiest = Math.max(...perTarget.values());
    expect(busiest).toBeGreaterThan(750 * 0.05); // one table referenced by many, like lago's organizations
    expect(count(text, / parent_\w+_id bigint REFERENCES/g)).toBeGreaterThan(0);
    const tableBlocks = text.split(/^CREATE TABLE /m).slice(1);
    const referencedNames = new Set(targets.map((t) => t?.split('.')[1]));
    const isolated = tableBlocks.filter((block) => {
      const name = block.slice(0, block.indexOf(' ')).split('.')[1];
      return !block.split(';')[0]?.includes('REFERENCES') && !referencedNames.has(name);
    });
    expect(isolated.length).toBeGreaterThan(0);
  });

  it('gives each table about the asked number of columns', () => {
    const text = syntheticSchemaSql({ tables: 200, columnsPerTable: 20, foreignKeys: 0 });
    const columnCounts = text
      .split(/^CREATE TABLE /m)
      .slice(1)
      .map((block) => (block.split('\n);')[0] ?? '').split('\n').length - 1);
    const average = columnCounts.reduce((a, b) => a + b, 0) / columnCounts.length;
    expect(average).toBeGreaterThan(16);
    expect(average).toBeLessThan(24);
  });

  it('rejects impossible options', () => {
    expect(() => syntheticSchemaSql({ tables: 0 })).toThrow(RangeError);
    expect(() => syntheticSchemaSql({ tables: 10, schemas: 0 })).toThrow(/schemas/);
    expect(() => syntheticSchemaSql({ tables: 10, foreignKeys: -1 })).toThrow(/foreignKeys/);
  });

  it('prints the SQL when run directly', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/synthetic-schema.ts', '--tables', '5', '--fks', '4', '--seed', '3'], {
      cwd: REPO_ROOT,
    });
    expect(stdout).toBe(syntheticSchemaSql({ tables: 5, foreignKeys: 4, seed: 3 }));
  });
});

describe('a synthetic schema loaded into PostgreSQL', () => {
  let database: FreshDatabase;
  let model: DatabaseSchema;

  beforeAll(async () => {
    database = await freshDatabase('synthetic');
    await database.exec(syntheticSchemaSql({ tables: 150, foreignKeys: 240, schemas: 3, seed: 11 }));
    const source = await database.open();
    try {
      model = await introspect(source);
    } finally {
      await source.close();
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('reads back every table, foreign key, schema and enum it declares', () => {
    expect(model.tables).toHaveLength(150);
    expect(model.tables.reduce((sum, t) => sum + t.foreignKeys.length, 0)).toBe(240);
    expect(model.schemas.map((s) => s.name)).toEqual(['billing', 'inventory', 'public']);
    expect(model.enums.map((e) => `${e.schema}.${e.name}`)).toEqual(['billing.record_status', 'inventory.record_status', 'public.record_status']);
    expect(model.tables.every((t) => t.primaryKey?.columns.join() === 'id')).toBe(true);
  });
});
