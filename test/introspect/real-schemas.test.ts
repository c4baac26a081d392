/**
 * The real public schemas in ../shared/schemas (chinook, pagila, lago-api), each loaded both into a
 * fresh database on a live server (with psql) and into PGlite (the --sql path), introspected by the same
 * code. Facts the README states about each are asserted on both, and the two models must agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { DatabaseSchema, Table } from '../../src/model/schema.js';
import { openSource } from '../../src/source/index.js';
import { findServer, freshDatabase, sharedSchema } from '../support/database.js';

const server = await findServer();

interface Readings {
  sql: DatabaseSchema;
  live: DatabaseSchema | undefined;
  sqlQueries: number;
}

/** Reads a schema file through PGlite and, when there is one, a live server. */
async function readBoth(file: string): Promise<Readings> {
  const source = await openSource({ kind: 'sql', paths: [file] });
  let sql: DatabaseSchema;
  let sqlQueries: number;
  try {
    sql = await introspect(source, { views: true });
    sqlQueries = source.queryCount();
  } finally {
    await source.close();
  }
  let live: DatabaseSchema | undefined;
  if (server) {
    const database = await freshDatabase('real');
    try {
      await database.loadFile(file);
      const liveSource = await database.open();
      try {
        live = await introspect(liveSource, { views: true });
      } finally {
        await liveSource.close();
      }
    } finally {
      await database.drop();
    }
  }
  return { sql, live, sqlQueries };
}

function both(readings: () => Readings): Array<[string, () => DatabaseSchema]> {
  const list: Array<[string, () => DatabaseSchema]> = [['PGlite', () => readings().sql]];
  if (server) list.push(['live server', () => readings().live as DatabaseSchema]);
  return list;
}

function tablesOnly(model: DatabaseSchema): Table[] {
  return model.tables.filter((t) => t.kind !== 'view' && t.kind !== 'materialized_view');
}

function foreignKeys(model: DatabaseSchema) {
  return model.tables.flatMap((t) => t.foreignKeys.map((k) => ({ from: t, key: k })));
}

/** The model minus what legitimately differs between PostgreSQL 15 and PGlite's 17/18. */
function comparable(model: DatabaseSchema): unknown {
  return {
    ...model,
    database: '',
    serverVersion: '',
    tables: model.tables.map((t) => ({ ...t, viewDefinition: t.viewDefinition === null ? null : 'view' })),
  };
}

function table(model: DatabaseSchema, name: string): Table {
  const found = model.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

const chinook = sharedSchema('chinook.sql');
const pagila = sharedSchema('pagila.sql');
const lago = sharedSchema('lago-api.sql');

describe.skipIf(!chinook)('chinook', () => {
  let readings: Readings;
  beforeAll(async () => {
    readings = await readBoth(chinook as string);
  });

  it.each(both(() => readings))('has 11 tables, 11 FKs with one self-reference, a composite key (%s)', (_label, model) => {
    const m = model();
    expect(m.database).toMatch(/^(chinook|s2m_real_)/);
    expect(tablesOnly(m)).toHaveLength(11);
    const keys = foreignKeys(m);
    expect(keys).toHaveLength(11);
    expect(keys.filter(({ from, key }) => key.references.name === from.name).map(({ key }) => key.name)).toEqual(['employee_reports_to_fkey']);
    expect(table(m, 'playlist_track').primaryKey).toEqual({ name: 'playlist_track_pkey', columns: ['playlist_id', 'track_id'] });
  });

  it.skipIf(!server)('reads the same through PGlite and the server', () => {
    expect(comparable(readings.sql)).toEqual(comparable(readings.live as DatabaseSchema));
  });
});

describe.skipIf(!pagila)('pagila', () => {
  let readings: Readings;
  beforeAll(async () => {
    readings = await readBoth(pagila as string);
  });

  it.each(both(() => readings))('folds 55 partitions and their 18 FKs into payment, with 3 keys (%s)', (_label, model) => {
    const m = model();
    expect(tablesOnly(m)).toHaveLength(15);
    const payment = table(m, 'payment');
    expect(payment.kind).toBe('partitioned_table');
    expect(payment.partitioning?.key).toBe('RANGE (payment_date)');
    expect(payment.partitioning?.partitions).toHaveLength(55);
    expect(m.tables.some((t) => t.name.startsWith('payment_p'))).toBe(false);
    expect(payment.foreignKeys.map((k) => [k.columns, k.references.name])).toEqual([
      [['customer_id'], 'customer'],
      [['rental_id'], 'rental'],
      [['staff_id'], 'staff'],
    ]);
  });

  it.each(both(() => readings))('reads its views, materialized view, enum and domains (%s)', (_label, model) => {
    const m = model();
    expect(m.tables.filter((t) => t.kind === 'view')).toHaveLength(7);
    expect(m.tables.filter((t) => t.kind === 'materialized_view').map((t) => t.name)).toEqual(['rental_by_category']);
    expect(table(m, 'rental_by_category').dependsOn.map((r) => r.name)).toEqual(['category', 'film', 'film_category', 'inventory', 'payment', 'rental']);
    expect(m.enums).toEqual([{ schema: 'public', name: 'mpaa_rating', labels: ['G', 'PG', 'PG-13', 'R', 'NC-17'] }]);
    expect(table(m, 'film').columns.find((c) => c.name === 'rating')?.type).toBe('public.mpaa_rating');
    expect(table(m, 'film').columns.find((c) => c.name === 'release_year')?.type).toBe('public.year');
  });

  it('needs few queries', () => {
    expect(readings.sqlQueries).toBeLessThanOrEqual(10);
  });

  it.skipIf(!server)('reads the same through PGlite and the server', () => {
    expect(comparable(readings.sql)).toEqual(comparable(readings.live as DatabaseSchema));
  });
});

describe.skipIf(!lago)('lago-api', () => {
  let readings: Readings;
  beforeAll(async () => {
    readings = await readBoth(lago as string);
  });

  it.each(both(() => readings))('has 137 tables, 339 FKs (117 to organizations), 33 views and a materialized one, 43 enums (%s)', (_label, model) => {
    const m = model();
    expect(tablesOnly(m)).toHaveLength(137);
    const keys = foreignKeys(m);
    expect(keys).toHaveLength(339);
    expect(keys.filter(({ key }) => key.references.name === 'organizations')).toHaveLength(117);
    expect(m.tables.filter((t) => t.kind === 'view')).toHaveLength(33);
    expect(m.tables.filter((t) => t.kind === 'materialized_view')).toHaveLength(1);
    expect(m.enums).toHaveLength(43);
    // Extension objects (pg_trgm, btree_gin, ...) never show up.
    expect(m.schemas.map((s) => s.name)).not.toContain('pg_catalog');
  });

  it.skipIf(!server)('reads the same through PGlite and the server', () => {
    expect(comparable(readings.sql)).toEqual(comparable(readings.live as DatabaseSchema));
  });
});

