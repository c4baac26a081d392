import { describe, expect, it } from 'vitest';
import { flagName } from '../../src/config/index.js';
import { SchemaToMiroError } from '../../src/errors.js';
import { buildDiagram, buildSchemaGraph } from '../../src/graph/index.js';
import type { GraphOptions } from '../../src/graph/index.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { schemaOf, shopSchema, table } from './support/schema-builder.js';

function usageError(schema: DatabaseSchema, options: GraphOptions): SchemaToMiroError {
  try {
    // Messages name the options as the command line does (the CLI passes this naming).
    buildDiagram(schema, { optionName: flagName, ...options });
  } catch (error) {
    if (error instanceof SchemaToMiroError) return error;
    throw error;
  }
  throw new Error('expected a SchemaToMiroError');
}

describe('buildSchemaGraph', () => {
  it('has one node per table and one edge per foreign key, keyed by constraint, parallel keys and self-references included', () => {
    const graph = buildSchemaGraph(shopSchema());
    expect(graph.order).toBe(6);
    expect(graph.hasNode('public.order_totals')).toBe(false);
    expect(graph.edges().sort()).toEqual([
      'audit.order_events.order_events_order_fk',
      'public.customers.customers_referrer_fk',
      'public.invoices.invoices_order_fk',
      'public.order_lines.order_lines_order_fk',
      'public.order_lines.order_lines_product_fk',
      'public.orders.orders_billing_fk',
      'public.orders.orders_customer_fk',
    ]);
    expect(graph.edges('public.orders', 'public.customers')).toHaveLength(2);
    expect(graph.source('public.customers.customers_referrer_fk')).toBe('public.customers');
    expect(graph.target('public.customers.customers_referrer_fk')).toBe('public.customers');
    expect(graph.getAttribute('droppedRelations')).toBe(0);
  });
});

describe('buildDiagram', () => {
  it('lists tables and relations sorted by id with rows, key markers and attach rows', () => {
    const diagram = buildDiagram(shopSchema());
    expect(diagram.title).toBe('shop');
    expect(diagram.schemas).toEqual(['audit', 'public']);
    expect(diagram.tables.map((t) => t.id)).toEqual([
      'audit.order_events',
      'public.customers',
      'public.invoices',
      'public.order_lines',
      'public.orders',
      'public.products',
    ]);
    const lines = diagram.tables.find((t) => t.id === 'public.order_lines');
    expect(lines?.rows.map((r) => [r.label, r.key])).toEqual([
      ['order_id', 'pk_fk'],
      ['line_no', 'pk'],
      ['product_id', 'fk'],
      ['quantity', null],
    ]);
    const customers = diagram.tables.find((t) => t.id === 'public.customers');
    expect(customers?.rows.find((r) => r.column === 'email')?.key).toBe('unique');
    const toProducts = diagram.relations.find((r) => r.id === 'public.order_lines.order_lines_product_fk');
    expect(toProducts).toMatchObject({ kind: 'foreign_key', from: 'public.order_lines', to: 'public.products', fromRow: 2, toRow: 0, fromColumns: ['product_id'], toColumns: ['id'] });
    const ids = diagram.relations.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('derives crow-foot ends: nullable keys reference zero-or-one, keys covered by a unique key are one-to-one', () => {
    const diagram = buildDiagram(shopSchema());
    const end = (id: string) => diagram.relations.find((r) => r.id === id);
    expect(end('public.orders.orders_customer_fk')).toMatchObject({ fromEnd: 'zero_or_many', toEnd: 'exactly_one' });
    expect(end('public.orders.orders_billing_fk')).toMatchObject({ fromEnd: 'zero_or_many', toEnd: 'zero_or_one' });
    // invoices.order_id is the invoices primary key: one invoice per order.
    expect(end('public.invoices.invoices_order_fk')).toMatchObject({ fromEnd: 'zero_or_one', toEnd: 'exactly_one' });
    // order_lines.order_id is only part of the composite key: many lines per order.
    expect(end('public.order_lines.order_lines_order_fk')).toMatchObject({ fromEnd: 'zero_or_many' });
  });

  it("puts a table's comment (its first line) under the header as a row that is no column", () => {
    const base = table({ name: 'b', columns: ['id', 'a_id', 'note'], primaryKey: ['id'], foreignKeys: [{ name: 'b_a_fk', columns: ['a_id'], references: { schema: 'public', name: 'a', columns: ['id'] } }] });
    const schema = schemaOf([
      table({ name: 'a', columns: ['id'], primaryKey: ['id'] }),
      { ...base, comment: '\n  What b is.\nMore about it.' },
    ]);
    const diagram = buildDiagram(schema, { maxColumns: 2 });
    const b = diagram.tables.find((t) => t.id === 'public.b')!;
    expect(b.rows.map((r) => [r.label, r.tableComment ?? false])).toEqual([
      ['What b is. …', true],
      ['id', false],
      ['a_id', false],
      ['… 1 more', false],
    ]);
    // --max-columns counts columns only; the relation attaches one row lower.
    expect(b.hiddenColumns).toBe(1);
    expect(diagram.relations[0]).toMatchObject({ fromRow: 2, toRow: 0 });
  });

  it('treats a partial unique index as not making the relation one-to-one', () => {
    const schema = schemaOf([
      table({ name: 'a', columns: ['id'], primaryKey: ['id'] }),
      table({ name: 'b', columns: ['id', 'a_id'], primaryKey: ['id'], unique: [{ name: 'b_a_live', columns: ['a_id'], predicate: '(deleted_at IS NULL)' }], foreignKeys: [{ name: 'b_a_fk', columns: ['a_id'], references: { schema: 'public', name: 'a', columns: ['id'] } }] }),
    ]);
    expect(buildDiagram(schema).relations[0]?.fromEnd).toBe('zero_or_many');
  });

  it('filters by schema and reports relations to left-out tables as dropped', () => {
    const diagram = buildDiagram(shopSchema(), { schemas: ['audit'] });
    expect(diagram.tables.map((t) => t.id)).toEqual(['audit.order_events']);
    expect(diagram.relations).toEqual([]);
    expect(diagram.droppedRelations).toBe(1);
  });

  it('applies include and exclude globs on schema.table, bare-name globs matching the table name', () => {
    const included = buildDiagram(shopSchema(), { include: ['public.order*'] });
    expect(included.tables.map((t) => t.id)).toEqual(['public.order_lines', 'public.orders']);
    expect(included.relations.map((r) => r.id)).toEqual(['public.order_lines.order_lines_order_fk']);
    // order_lines->products, orders->customers (x2), invoices->orders, order_events->orders are cut.
    expect(included.droppedRelations).toBe(5);
    const excluded = buildDiagram(shopSchema(), { exclude: ['*_lines', 'audit.*'] });
    expect(excluded.tables.map((t) => t.id)).toEqual(['public.customers', 'public.invoices', 'public.orders', 'public.products']);
    expect(excluded.droppedRelations).toBe(3);
  });

  it('rejects filters that leave no table', () => {
    expect(usageError(shopSchema(), { exclude: ['*'] }).message).toMatch(/no table is left after --exclude \*/);
    expect(usageError(shopSchema(), { exclude: ['*'] }).kind).toBe('usage');
  });

  it('keeps the tables within --depth hops of --focus, in both directions', () => {
    const depth1 = buildDiagram(shopSchema(), { focus: 'orders', depth: 1 });
    expect(depth1.tables.map((t) => t.id)).toEqual(['audit.order_events', 'public.customers', 'public.invoices', 'public.order_lines', 'public.orders']);
    const depth0 = buildDiagram(shopSchema(), { focus: 'public.products', depth: 0 });
    expect(depth0.tables.map((t) => t.id)).toEqual(['public.products']);
    expect(depth0.droppedRelations).toBe(1);
    const depth2 = buildDiagram(shopSchema(), { focus: 'products', depth: 2 });
    expect(depth2.tables.map((t) => t.id)).toEqual(['public.order_lines', 'public.orders', 'public.products']);
  });

  it('explains a misspelled, ambiguous or filtered-out --focus', () => {
    const misspelled = usageError(shopSchema(), { focus: 'ordres' });
    expect(misspelled.kind).toBe('usage');
    expect(misspelled.message).toBe('--focus ordres: no such table; did you mean public.orders?');
    const twoSchemas = schemaOf([table({ name: 'users', columns: ['id'] }), table({ schema: 'auth', name: 'users', columns: ['id'] })]);
    expect(usageError(twoSchemas, { focus: 'users' }).message).toBe('--focus users is ambiguous: auth.users, public.users; give schema.table');
    expect(usageError(shopSchema(), { focus: 'orders', schemas: ['audit'] }).message).toMatch(/public\.orders is left out by --schema audit/);
  });

  it('rejects an unknown --schema with a suggestion', () => {
    const error = usageError(shopSchema(), { schemas: ['pubic'] });
    expect(error.kind).toBe('usage');
    expect(error.message).toBe('--schema pubic: no such schema in shop; did you mean public?');
  });

  it('rejects nonsensical numbers', () => {
    expect(usageError(shopSchema(), { focus: 'orders', depth: -1 }).message).toMatch(/--depth/);
    expect(usageError(shopSchema(), { maxColumns: 0 }).message).toMatch(/--max-columns/);
    expect(usageError(shopSchema(), { depth: 2 }).message).toBe('--depth needs --focus <table>');
  });

  it('draws views with --views, joined by view dependencies to the tables they read', () => {
    const diagram = buildDiagram(shopSchema(), { views: true });
    expect(diagram.tables.map((t) => t.id)).toContain('public.order_totals');
    const dependencies = diagram.relations.filter((r) => r.kind === 'view_dependency');
    expect(dependencies.map((r) => r.id)).toEqual(['view:public.order_totals->public.order_lines', 'view:public.order_totals->public.orders']);
    expect(dependencies[0]).toMatchObject({ from: 'public.order_totals', to: 'public.order_lines', fromRow: null, toRow: null, fromColumns: [] });
    const hidden = buildDiagram(shopSchema(), { views: true, exclude: ['order_lines'] });
    // orders' view dependency survives; the view's read of order_lines and order_lines' two keys are dropped.
    expect(hidden.droppedRelations).toBe(3);
  });

  it('shows only key columns with --columns keys, and attaches relations to the header when a column is hidden', () => {
    const diagram = buildDiagram(shopSchema(), { columns: 'keys' });
    const orders = diagram.tables.find((t) => t.id === 'public.orders');
    expect(orders?.rows.map((r) => r.column)).toEqual(['id', 'customer_id', 'billing_customer_id']);
    expect(orders?.hiddenColumns).toBe(2);
    const products = diagram.tables.find((t) => t.id === 'public.products');
    expect(products?.rows.map((r) => r.column)).toEqual(['id']);
  });

  it('cuts wide tables to --max-columns, keeping key columns, with an overflow row', () => {
    const wide = table({
      name: 'wide',
      columns: ['id', ...Array.from({ length: 40 }, (_, i) => `c${i}`), 'owner_id'],
      primaryKey: ['id'],
      foreignKeys: [{ name: 'wide_owner_fk', columns: ['owner_id'], references: { schema: 'public', name: 'owners', columns: ['id'] } }],
    });
    const owners = table({ name: 'owners', columns: ['name', 'id'], primaryKey: ['id'] });
    const diagram = buildDiagram(schemaOf([wide, owners]), { maxColumns: 3 });
    const rows = diagram.tables.find((t) => t.id === 'public.wide')?.rows ?? [];
    expect(rows.map((r) => r.label)).toEqual(['id', 'c0', 'owner_id', '… 39 more']);
    expect(rows[3]).toMatchObject({ column: null, type: '', key: null });
    expect(diagram.tables.find((t) => t.id === 'public.wide')?.hiddenColumns).toBe(39);
    expect(diagram.relations[0]).toMatchObject({ fromRow: 2, toRow: 1 });
    const narrow = buildDiagram(schemaOf([wide, owners]), { maxColumns: 1 });
    // Only one row fits: the primary key wins, the foreign key column is hidden and attaches to the header.
    expect(narrow.relations[0]).toMatchObject({ fromRow: null, toRow: 0 });
  });

  it('is deterministic whatever the order of the model lists', () => {
    const schema = shopSchema();
    const shuffled: DatabaseSchema = { ...schema, tables: [...schema.tables].reverse().map((t) => ({ ...t, foreignKeys: [...t.foreignKeys].reverse() })) };
    expect(JSON.stringify(buildDiagram(shuffled, { views: true }))).toBe(JSON.stringify(buildDiagram(schema, { views: true })));
  });

  it('uses the given title', () => {
    expect(buildDiagram(shopSchema(), { title: 'Shop ERD' }).title).toBe('Shop ERD');
  });
});
