/**
 * fixtures/rich.sql read field by field, through both sources: the `--sql` path (PGlite) and a live
 * server (a fresh database loaded with psql). Both must give the same model, apart from the server's own
 * name and version, and PostgreSQL's version-dependent view text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { DatabaseSchema, ForeignKey, Table } from '../../src/model/schema.js';
import { openSource, type CatalogSource } from '../../src/source/index.js';
import { findServer, fixture, freshDatabase, type FreshDatabase } from '../support/database.js';

const RICH = fixture('rich.sql');
const server = await findServer();

interface Reading {
  model: DatabaseSchema;
  withoutViews: DatabaseSchema;
  queries: number;
  source: CatalogSource;
}

function table(model: DatabaseSchema, schema: string, name: string): Table {
  const found = model.tables.find((candidate) => candidate.schema === schema && candidate.name === name);
  if (!found) throw new Error(`table ${schema}.${name} missing from the model`);
  return found;
}

function fk(overrides: Partial<ForeignKey> & Pick<ForeignKey, 'name' | 'columns' | 'references'>): ForeignKey {
  return { onDelete: 'no_action', onUpdate: 'no_action', deferrable: false, initiallyDeferred: false, validated: true, ...overrides };
}

const column = (name: string, ordinal: number, type: string, extra: Partial<Table['columns'][number]> = {}) => ({
  name,
  ordinal,
  type,
  nullable: false,
  default: null,
  identity: null,
  generated: null,
  comment: null,
  ...extra,
});

const sources: Array<[string, () => Promise<{ source: CatalogSource; cleanup: () => Promise<void> }>]> = [
  [
    'sql files through PGlite',
    async () => {
      const source = await openSource({ kind: 'sql', paths: [RICH] });
      return { source, cleanup: () => source.close() };
    },
  ],
];
if (server) {
  sources.push([
    `a live server (${server.origin})`,
    async () => {
      const database: FreshDatabase = await freshDatabase('rich');
      await database.loadFile(RICH);
      const source = await database.open();
      return {
        source,
        cleanup: async () => {
          await source.close();
          await database.drop();
        },
      };
    },
  ]);
} else {
  console.warn('rich fixture: no PostgreSQL server found, only the PGlite path runs');
}

describe.each(sources)('fixtures/rich.sql via %s', (_label, open) => {
  let reading: Reading;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    const before = opened.source.queryCount();
    const model = await introspect(opened.source, { views: true });
    const queries = opened.source.queryCount() - before;
    const withoutViews = await introspect(opened.source);
    reading = { model, withoutViews, queries, source: opened.source };
  });

  afterAll(async () => {
    await cleanup?.();
  });

  it('sends a fixed, small number of queries', () => {
    expect(reading.queries).toBeGreaterThan(0);
    expect(reading.queries).toBeLessThanOrEqual(10);
  });

  it('lists user schemas with comments, sorted, and nothing from the system', () => {
    expect(reading.model.schemas).toEqual([
      { name: 'Audit Log', comment: null },
      { name: 'public', comment: 'standard public schema' },
      { name: 'sales', comment: 'Orders and money' },
    ]);
    expect(reading.model.formatVersion).toBe(1);
    expect(reading.model.serverVersion).toMatch(/^\d+\.\d+/);
  });

  it('names the database after the server or the first SQL file', () => {
    if (reading.source.kind === 'sql') expect(reading.model.database).toBe('rich');
    else expect(reading.model.database).toMatch(/^s2m_rich_/);
  });

  it('lists tables sorted by schema then name, partitions folded, views only on request', () => {
    const ids = (model: DatabaseSchema) => model.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`);
    expect(ids(reading.model)).toEqual([
      'Audit Log.entries:table',
      'Audit Log.imported_rates:foreign_table',
      'public.customer_emails:view',
      'public.customers:table',
      'public.employees:table',
      'sales.Order Items:table',
      'sales.events:partitioned_table',
      'sales.orders:table',
      'sales.revenue_by_customer:materialized_view',
      'sales.transfers:table',
    ]);
    expect(ids(reading.withoutViews)).toEqual(ids(reading.model).filter((id) => !/view$/.test(id)));
  });

  it('reads the enum with its labels in declaration order', () => {
    expect(reading.model.enums).toEqual([{ schema: 'sales', name: 'order_state', labels: ['new', 'paid', 'refunded', 'void'] }]);
  });

  it('reads employees: identity, domain, dropped column, self-reference, expression unique index', () => {
    const employees = table(reading.model, 'public', 'employees');
    expect(employees.comment).toBe('Staff, with their managers');
    expect(employees.columns).toEqual([
      column('id', 1, 'integer', { identity: 'always' }),
      column('manager_id', 2, 'integer', { nullable: true, comment: 'Null for the CEO' }),
      column('email', 3, 'public.email_address'),
      column('hired_on', 4, 'date', { default: 'CURRENT_DATE' }),
    ]);
    expect(employees.primaryKey).toEqual({ name: 'employees_pkey', columns: ['id'] });
    expect(employees.foreignKeys).toEqual([
      fk({
        name: 'employees_manager_id_fkey',
        columns: ['manager_id'],
        references: { schema: 'public', name: 'employees', columns: ['id'] },
        onDelete: 'set_null',
      }),
    ]);
    expect(employees.uniqueKeys).toEqual([
      { name: 'employees_lower_email_key', columns: ['lower((email)::text)'], origin: 'index', predicate: null },
    ]);
    expect(employees.indexes.map((index) => [index.name, index.method, index.unique, index.primary])).toEqual([
      ['employees_lower_email_key', 'btree', true, false],
      ['employees_pkey', 'btree', true, true],
    ]);
    expect(employees.estimatedRows).toBeNull();
    expect(employees.partitioning).toBeNull();
    expect(employees.dependsOn).toEqual([]);
    expect(employees.viewDefinition).toBeNull();
  });

  it('reads customers: varchar(n), arrays, unique constraint, partial unique index, gin index, check', () => {
    const customers = table(reading.model, 'public', 'customers');
    expect(customers.columns).toEqual([
      column('id', 1, 'bigint', { identity: 'by_default' }),
      column('email', 2, 'character varying(320)'),
      column('name', 3, 'character varying(40)'),
      column('tags', 4, 'text[]', { default: "'{}'::text[]" }),
      column('scores', 5, 'integer[]', { nullable: true }),
      column('deleted_at', 6, 'timestamp with time zone', { nullable: true }),
    ]);
    expect(customers.uniqueKeys).toEqual([
      { name: 'customers_active_name_key', columns: ['name'], origin: 'index', predicate: '(deleted_at IS NULL)' },
      { name: 'customers_email_key', columns: ['email'], origin: 'constraint', predicate: null },
    ]);
    expect(customers.indexes).toEqual([
      {
        name: 'customers_active_name_key',
        columns: ['name'],
        method: 'btree',
        unique: true,
        primary: false,
        predicate: '(deleted_at IS NULL)',
        definition: 'CREATE UNIQUE INDEX customers_active_name_key ON public.customers USING btree (name) WHERE (deleted_at IS NULL)',
      },
      {
        name: 'customers_email_key',
        columns: ['email'],
        method: 'btree',
        unique: true,
        primary: false,
        predicate: null,
        definition: 'CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (email)',
      },
      {
        name: 'customers_pkey',
        columns: ['id'],
        method: 'btree',
        unique: true,
        primary: true,
        predicate: null,
        definition: 'CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id)',
      },
      {
        name: 'customers_tags_idx',
        columns: ['tags'],
        method: 'gin',
        unique: false,
        primary: false,
        predicate: null,
        definition: 'CREATE INDEX customers_tags_idx ON public.customers USING gin (tags)',
      },
    ]);
    expect(customers.checks).toEqual([{ name: 'customers_name_check', expression: 'CHECK ((char_length((name)::text) > 0))' }]);
    expect(customers.foreignKeys).toEqual([]);
  });

  it('reads sales.orders: composite key, enum default, serial, deferrable cross-schema FK', () => {
    const orders = table(reading.model, 'sales', 'orders');
    expect(orders.columns).toEqual([
      column('region', 1, 'character(2)'),
      column('order_no', 2, 'integer'),
      column('customer_id', 3, 'bigint'),
      column('state', 4, 'sales.order_state', { default: "'new'::sales.order_state" }),
      column('total', 5, 'numeric(10,2)'),
      column('placed_at', 6, 'timestamp without time zone', { default: 'now()' }),
      column('serial_no', 7, 'integer', { default: "nextval('sales.orders_serial_no_seq'::regclass)" }),
    ]);
    expect(orders.primaryKey).toEqual({ name: 'orders_pkey', columns: ['region', 'order_no'] });
    expect(orders.checks).toEqual([{ name: 'orders_total_check', expression: 'CHECK ((total >= (0)::numeric))' }]);
    expect(orders.foreignKeys).toEqual([
      fk({
        name: 'orders_customer_fk',
        columns: ['customer_id'],
        references: { schema: 'public', name: 'customers', columns: ['id'] },
        onUpdate: 'cascade',
        deferrable: true,
        initiallyDeferred: true,
      }),
    ]);
  });

  it('reads "Order Items": quoted, Cyrillic and markup names, generated column, composite FK', () => {
    const items = table(reading.model, 'sales', 'Order Items');
    expect(items.comment).toBe('Lines of an order <b>& more</b>');
    expect(items.columns).toEqual([
      column('Region', 1, 'character(2)'),
      column('order no', 2, 'integer'),
      column('ключ', 3, 'integer'),
      column('<script>', 4, 'text', { nullable: true, comment: 'Kept verbatim: <script>alert(1)</script>' }),
      column('A&B', 5, 'boolean', { default: 'false' }),
      column('quantity', 6, 'integer'),
      column('unit_price', 7, 'numeric(10,2)'),
      column('line_total', 8, 'numeric(12,2)', { nullable: true, generated: '((quantity)::numeric * unit_price)' }),
    ]);
    expect(items.primaryKey).toEqual({ name: 'Order Items_pkey', columns: ['Region', 'order no', 'ключ'] });
    expect(items.checks).toEqual([{ name: 'quantity_positive', expression: 'CHECK ((quantity > 0))' }]);
    expect(items.foreignKeys).toEqual([
      fk({
        name: 'Order Items_order_fk',
        columns: ['Region', 'order no'],
        references: { schema: 'sales', name: 'orders', columns: ['region', 'order_no'] },
        onDelete: 'cascade',
      }),
    ]);
  });

  it('reads two FKs between the same tables, one NOT VALID', () => {
    const transfers = table(reading.model, 'sales', 'transfers');
    expect(transfers.foreignKeys).toEqual([
      fk({
        name: 'transfers_from_customer_id_fkey',
        columns: ['from_customer_id'],
        references: { schema: 'public', name: 'customers', columns: ['id'] },
        onDelete: 'restrict',
      }),
      fk({
        name: 'transfers_to_customer_id_fkey',
        columns: ['to_customer_id'],
        references: { schema: 'public', name: 'customers', columns: ['id'] },
        onDelete: 'set_default',
        validated: false,
      }),
    ]);
    expect(transfers.columns.find((c) => c.name === 'to_customer_id')?.default).toBe('0');
  });

  it('folds partitions into sales.events, with the FKs declared on them once', () => {
    const events = table(reading.model, 'sales', 'events');
    expect(events.partitioning).toEqual({
      key: 'RANGE (occurred_at)',
      partitions: [
        { schema: 'sales', name: 'events_2024', bound: "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')" },
        { schema: 'sales', name: 'events_2025', bound: "FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')" },
      ],
    });
    expect(events.primaryKey).toEqual({ name: 'events_pkey', columns: ['id', 'occurred_at'] });
    expect(events.foreignKeys).toEqual([
      fk({ name: 'events_2024_customer_id_fkey', columns: ['customer_id'], references: { schema: 'public', name: 'customers', columns: ['id'] } }),
      fk({ name: 'events_2025_employee_id_fkey', columns: ['employee_id'], references: { schema: 'public', name: 'employees', columns: ['id'] } }),
    ]);
    expect(events.estimatedRows).toBeNull();
  });

  it('reads a table in a schema whose name needs quoting, with a brin index', () => {
    const entries = table(reading.model, 'Audit Log', 'entries');
    expect(entries.foreignKeys).toEqual([
      fk({ name: 'entries_employee_id_fkey', columns: ['employee_id'], references: { schema: 'public', name: 'employees', columns: ['id'] } }),
    ]);
    expect(entries.indexes.map((index) => [index.name, index.columns, index.method])).toEqual([
      ['entries_logged_at_brin', ['logged_at'], 'brin'],
      ['entries_pkey', ['id'], 'btree'],
    ]);
  });

  it('reads a foreign table with its columns and comment', () => {
    const rates = table(reading.model, 'Audit Log', 'imported_rates');
    expect(rates.comment).toBe('Daily exchange rates, read from a CSV file');
    expect(rates.columns).toEqual([column('currency', 1, 'character(3)'), column('rate', 2, 'numeric(12,6)', { nullable: true })]);
    expect(rates.primaryKey).toBeNull();
    expect(rates.indexes).toEqual([]);
  });

  it('reads views and materialized views with their columns and the tables they read', () => {
    const view = table(reading.model, 'public', 'customer_emails');
    expect(view.comment).toBe('Customers still active');
    expect(view.columns).toEqual([
      column('id', 1, 'bigint', { nullable: true }),
      column('email', 2, 'character varying(320)', { nullable: true }),
    ]);
    expect(view.dependsOn).toEqual([{ schema: 'public', name: 'customers' }]);
    expect(view.viewDefinition).toMatch(/FROM public\.customers c\s+WHERE \(.*deleted_at IS NULL\)/);
    expect(view.estimatedRows).toBeNull();
    expect(view.primaryKey).toBeNull();

    const matview = table(reading.model, 'sales', 'revenue_by_customer');
    expect(matview.columns.map((c) => [c.name, c.type])).toEqual([
      ['customer_id', 'bigint'],
      ['revenue', 'numeric'],
    ]);
    expect(matview.dependsOn).toEqual([
      { schema: 'sales', name: 'Order Items' },
      { schema: 'sales', name: 'orders' },
    ]);
    expect(matview.uniqueKeys).toEqual([
      { name: 'revenue_by_customer_customer_id_key', columns: ['customer_id'], origin: 'index', predicate: null },
    ]);
  });

  it('limits reading to the schemas asked for, keeping references into the others', async () => {
    const sales = await introspect(reading.source, { schemas: ['sales'] });
    expect(sales.schemas.map((s) => s.name)).toEqual(['sales']);
    expect(sales.tables.map((t) => t.name)).toEqual(['Order Items', 'events', 'orders', 'transfers']);
    expect(table(sales, 'sales', 'orders').foreignKeys[0]?.references).toEqual({ schema: 'public', name: 'customers', columns: ['id'] });
    expect(sales.enums).toHaveLength(1);
    const audit = await introspect(reading.source, { schemas: ['Audit Log', 'public'] });
    expect(audit.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'Audit Log.entries',
      'Audit Log.imported_rates',
      'public.customers',
      'public.employees',
    ]);
    expect(audit.enums).toEqual([]);
  });

  it('names a missing --schema and the schemas there are', async () => {
    await expect(introspect(reading.source, { schemas: ['public', 'nope'] })).rejects.toMatchObject({
      name: 'SchemaToMiroError',
      kind: 'database',
      message: expect.stringMatching(/^schema "nope" does not exist in database "[^"]+" \(schemas there: Audit Log, public, sales\)$/),
    });
  });

  it('gives byte-identical output when read twice', async () => {
    const again = await introspect(reading.source, { views: true });
    expect(JSON.stringify(again)).toBe(JSON.stringify(reading.model));
  });
});
