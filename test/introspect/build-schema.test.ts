/**
 * The pure catalog-rows -> model mapping, fed with hand-written rows: the rules that real catalogs
 * exercise only in part (dropped-column gaps, folding of partition keys, row estimates, sorting).
 */
import { describe, expect, it } from 'vitest';
import { buildDatabaseSchema, foldForeignKeys, selectNamespaces } from '../../src/introspect/build-schema.js';
import { compareStrings as compareText } from '../../src/util/compare.js';
import type { CatalogRows, ColumnRow, ConstraintRow, RelationRow } from '../../src/introspect/catalog-rows.js';
import type { ForeignKey } from '../../src/model/schema.js';

function relation(oid: string, name: string, extra: Partial<RelationRow> = {}): RelationRow {
  return {
    oid,
    schema: 'public',
    name,
    kind: 'r',
    comment: null,
    reltuples: -1,
    partition_key: null,
    root_oid: null,
    partition_bound: null,
    view_definition: null,
    ...extra,
  };
}

function columnRow(relationOid: string, name: string, attnum: number, extra: Partial<ColumnRow> = {}): ColumnRow {
  return { relation_oid: relationOid, name, attnum, type: 'integer', not_null: true, expression: null, identity: '', generated: '', comment: null, ...extra };
}

function foreignKeyRow(relationOid: string, name: string, column: string, target: string, extra: Partial<ConstraintRow> = {}): ConstraintRow {
  return {
    relation_oid: relationOid,
    name,
    type: 'f',
    columns: [column],
    referenced_schema: 'public',
    referenced_name: target,
    referenced_columns: ['id'],
    on_delete: 'a',
    on_update: 'a',
    deferrable: false,
    deferred: false,
    validated: true,
    definition: `FOREIGN KEY (${column}) REFERENCES public.${target}(id)`,
    ...extra,
  };
}

function rows(extra: Partial<CatalogRows>): CatalogRows {
  return {
    server: { database: 'db', server_version: '15.20', version_number: 150020 },
    namespaces: [{ oid: '2200', name: 'public', comment: null }],
    relations: [],
    columns: [],
    constraints: [],
    indexes: [],
    enums: [],
    viewDependencies: [],
    ...extra,
  };
}

describe('buildDatabaseSchema', () => {
  it('numbers columns 1..n in attnum order, skipping the gaps of dropped columns', () => {
    const model = buildDatabaseSchema(
      rows({
        relations: [relation('1', 't')],
        columns: [columnRow('1', 'c', 7), columnRow('1', 'a', 1), columnRow('1', 'b', 4)],
      }),
    );
    expect(model.tables[0]?.columns.map((c) => [c.name, c.ordinal])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('keeps defaults apart from identity and generation expressions', () => {
    const model = buildDatabaseSchema(
      rows({
        relations: [relation('1', 't')],
        columns: [
          columnRow('1', 'id', 1, { identity: 'd' }),
          columnRow('1', 'total', 2, { generated: 's', expression: '(a * b)', not_null: false }),
          columnRow('1', 'virtual_total', 3, { generated: 'v', expression: '(a + b)' }),
          columnRow('1', 'n', 4, { expression: '42' }),
          columnRow('1', 'always', 5, { identity: 'a' }),
        ],
      }),
    );
    expect(model.tables[0]?.columns.map((c) => [c.name, c.default, c.identity, c.generated, c.nullable])).toEqual([
      ['id', null, 'by_default', null, false],
      ['total', null, null, '(a * b)', true],
      ['virtual_total', null, null, '(a + b)', false],
      ['n', '42', null, null, false],
      ['always', null, 'always', null, false],
    ]);
  });

  it('folds partitions into their root: listed sorted, FKs declared on them once, rows summed', () => {
    const model = buildDatabaseSchema(
      rows({
        relations: [
          relation('10', 'payment', { kind: 'p', partition_key: 'RANGE (paid_at)' }),
          relation('12', 'payment_2023', { root_oid: '10', reltuples: 40.4, partition_bound: "FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')" }),
          relation('11', 'payment_2022', { root_oid: '10', reltuples: 10, partition_bound: "FOR VALUES FROM ('2022-01-01') TO ('2023-01-01')" }),
          relation('13', 'payment_2024', { root_oid: '10', reltuples: -1, partition_bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" }),
          relation('20', 'customer', { reltuples: 599 }),
        ],
        constraints: [
          foreignKeyRow('11', 'payment_2022_customer_fkey', 'customer_id', 'customer'),
          foreignKeyRow('12', 'payment_2023_customer_fkey', 'customer_id', 'customer', { validated: false }),
          foreignKeyRow('12', 'payment_2023_rental_fkey', 'rental_id', 'rental'),
          foreignKeyRow('13', 'payment_2024_customer_fkey', 'customer_id', 'customer', { on_delete: 'c' }),
        ],
      }),
    );
    expect(model.tables.map((t) => t.name)).toEqual(['customer', 'payment']);
    const payment = model.tables[1];
    expect(payment?.kind).toBe('partitioned_table');
    expect(payment?.estimatedRows).toBe(50);
    expect(model.tables[0]?.estimatedRows).toBe(599);
    expect(payment?.partitioning?.key).toBe('RANGE (paid_at)');
    expect(payment?.partitioning?.partitions.map((p) => p.name)).toEqual(['payment_2022', 'payment_2023', 'payment_2024']);
    expect(payment?.foreignKeys.map((k) => [k.name, k.columns[0], k.onDelete, k.validated])).toEqual([
      // Same key on 2022 and 2023: once, under the first name, validated only if every copy is.
      ['payment_2022_customer_fkey', 'customer_id', 'no_action', false],
      // Different ON DELETE: a different relation.
      ['payment_2023_rental_fkey', 'rental_id', 'no_action', true],
      ['payment_2024_customer_fkey', 'customer_id', 'cascade', true],
    ].sort((a, b) => compareText(String(a[0]), String(b[0]))));
  });

  it('gives null row estimates for never-analysed tables, views and unanalysed partition sets', () => {
    const model = buildDatabaseSchema(
      rows({
        relations: [
          relation('1', 'fresh'),
          relation('2', 'v', { kind: 'v', reltuples: 5, view_definition: ' SELECT 1;' }),
          relation('3', 'parent', { kind: 'p', partition_key: 'LIST (x)' }),
          relation('4', 'child', { root_oid: '3', reltuples: -1, partition_bound: "FOR VALUES IN ('a')" }),
          relation('5', 'empty', { reltuples: 0 }),
        ],
      }),
    );
    expect(model.tables.map((t) => [t.name, t.estimatedRows])).toEqual([
      ['empty', 0],
      ['fresh', null],
      ['parent', null],
      ['v', null],
    ]);
  });

  it('sorts everything by code point, whatever the locale, and maps referential actions', () => {
    const model = buildDatabaseSchema(
      rows({
        namespaces: [
          { oid: '3', name: 'zeta', comment: null },
          { oid: '2', name: 'Zeta', comment: null },
          { oid: '1', name: 'public', comment: null },
        ],
        relations: [relation('1', 'ключ'), relation('2', 'Zoo'), relation('3', 'apple'), relation('4', 'Apple')],
        constraints: [
          foreignKeyRow('3', 'b', 'x', 'Zoo', { on_delete: 'r', on_update: 'n' }),
          foreignKeyRow('3', 'a', 'y', 'Zoo', { on_delete: 'd', on_update: 'c', deferrable: true, deferred: true }),
        ],
        enums: [
          { schema: 'public', name: 'b', labels: ['z', 'a'] },
          { schema: 'public', name: 'a', labels: ['x'] },
        ],
      }),
    );
    expect(model.schemas.map((s) => s.name)).toEqual(['Zeta', 'public', 'zeta']);
    expect(model.tables.map((t) => t.name)).toEqual(['Apple', 'Zoo', 'apple', 'ключ']);
    expect(model.tables[2]?.foreignKeys.map((k) => [k.name, k.onDelete, k.onUpdate, k.deferrable, k.initiallyDeferred])).toEqual([
      ['a', 'set_default', 'cascade', true, true],
      ['b', 'restrict', 'set_null', false, false],
    ]);
    expect(model.enums).toEqual([
      { schema: 'public', name: 'a', labels: ['x'] },
      { schema: 'public', name: 'b', labels: ['z', 'a'] },
    ]);
  });

  it('separates unique constraints, unique indexes and the indexes behind constraints', () => {
    const index = (name: string, unique: boolean, primary: boolean, backs: boolean, predicate: string | null = null) => ({
      relation_oid: '1',
      name,
      method: 'btree',
      is_unique: unique,
      is_primary: primary,
      columns: ['a'],
      predicate,
      definition: `CREATE INDEX ${name} ...`,
      backs_constraint: backs,
    });
    const model = buildDatabaseSchema(
      rows({
        relations: [relation('1', 't')],
        constraints: [
          { ...foreignKeyRow('1', 't_pkey', 'id', 't'), type: 'p', columns: ['id'], referenced_schema: null, referenced_name: null, referenced_columns: [] },
          { ...foreignKeyRow('1', 't_a_key', 'a', 't'), type: 'u', referenced_schema: null, referenced_name: null, referenced_columns: [] },
          { ...foreignKeyRow('1', 't_a_check', 'a', 't'), type: 'c', definition: 'CHECK ((a > 0))' },
        ],
        indexes: [index('t_pkey', true, true, true), index('t_a_key', true, false, true), index('t_live_a', true, false, false, '(alive)'), index('t_b', false, false, false)],
      }),
    );
    const t = model.tables[0];
    expect(t?.primaryKey).toEqual({ name: 't_pkey', columns: ['id'] });
    expect(t?.uniqueKeys).toEqual([
      { name: 't_a_key', columns: ['a'], origin: 'constraint', predicate: null },
      { name: 't_live_a', columns: ['a'], origin: 'index', predicate: '(alive)' },
    ]);
    expect(t?.indexes.map((i) => i.name)).toEqual(['t_a_key', 't_b', 't_live_a', 't_pkey']);
    expect(t?.checks).toEqual([{ name: 't_a_check', expression: 'CHECK ((a > 0))' }]);
    expect(t?.foreignKeys).toEqual([]);
  });

  it('lists what a view reads once each, sorted, without itself', () => {
    const model = buildDatabaseSchema(
      rows({
        relations: [relation('1', 'v', { kind: 'm', reltuples: 3 }), relation('2', 'b'), relation('3', 'a')],
        viewDependencies: [
          { view_oid: '1', referenced_schema: 'public', referenced_name: 'b' },
          { view_oid: '1', referenced_schema: 'public', referenced_name: 'a' },
          { view_oid: '1', referenced_schema: 'public', referenced_name: 'b' },
          { view_oid: '1', referenced_schema: 'public', referenced_name: 'v' },
        ],
      }),
    );
    const view = model.tables.find((t) => t.name === 'v');
    expect(view?.kind).toBe('materialized_view');
    expect(view?.estimatedRows).toBe(3);
    expect(view?.dependsOn).toEqual([
      { schema: 'public', name: 'a' },
      { schema: 'public', name: 'b' },
    ]);
  });
});

describe('foldForeignKeys', () => {
  const key = (name: string, column: string): ForeignKey => ({
    name,
    columns: [column],
    references: { schema: 'public', name: 'x', columns: ['id'] },
    onDelete: 'no_action',
    onUpdate: 'no_action',
    deferrable: false,
    initiallyDeferred: false,
    validated: true,
  });

  it('prefers the parent’s own key over identical ones on partitions', () => {
    expect(foldForeignKeys([key('parent_fk', 'a')], [key('part1_fk', 'a'), key('part2_fk', 'b')]).map((k) => k.name)).toEqual([
      'parent_fk',
      'part2_fk',
    ]);
  });
});

describe('selectNamespaces', () => {
  const available = [
    { oid: '1', name: 'public', comment: null },
    { oid: '2', name: 'sales', comment: null },
  ];

  it('keeps all without a filter and the named ones with it', () => {
    expect(selectNamespaces(available, undefined, 'db')).toEqual(available);
    expect(selectNamespaces(available, ['sales'], 'db')).toEqual([available[1]]);
  });

  it('names every missing schema and what there is', () => {
    expect(() => selectNamespaces(available, ['x', 'sales', 'y'], 'shop')).toThrow(
      'schemas "x", "y" do not exist in database "shop" (schemas there: public, sales)',
    );
  });
});
