/**
 * Small hand-written schema models for graph tests: only what a test names, the rest filled in.
 */
import type { Column, DatabaseSchema, ForeignKey, Table, TableKind, TableRef, UniqueKey } from '../../../src/model/schema.js';
import { SCHEMA_FORMAT_VERSION } from '../../../src/model/schema.js';

export interface ColumnSpec {
  name: string;
  type?: string;
  nullable?: boolean;
}

export interface TableSpec {
  schema?: string;
  name: string;
  kind?: TableKind;
  columns: Array<string | ColumnSpec>;
  primaryKey?: string[];
  unique?: Array<{ name: string; columns: string[]; predicate?: string }>;
  foreignKeys?: Array<{ name: string; columns: string[]; references: TableRef & { columns: string[] } }>;
  dependsOn?: TableRef[];
}

export function table(spec: TableSpec): Table {
  const schema = spec.schema ?? 'public';
  const columns: Column[] = spec.columns.map((c, i) => {
    const column = typeof c === 'string' ? { name: c } : c;
    return {
      name: column.name,
      ordinal: i + 1,
      type: column.type ?? 'integer',
      nullable: column.nullable ?? false,
      default: null,
      identity: null,
      generated: null,
      comment: null,
    };
  });
  const foreignKeys: ForeignKey[] = (spec.foreignKeys ?? []).map((fk) => ({
    ...fk,
    onDelete: 'no_action',
    onUpdate: 'no_action',
    deferrable: false,
    initiallyDeferred: false,
    validated: true,
  }));
  const uniqueKeys: UniqueKey[] = (spec.unique ?? []).map((u) => ({
    name: u.name,
    columns: u.columns,
    origin: 'constraint',
    predicate: u.predicate ?? null,
  }));
  const isView = spec.kind === 'view' || spec.kind === 'materialized_view';
  return {
    schema,
    name: spec.name,
    kind: spec.kind ?? 'table',
    comment: null,
    estimatedRows: null,
    columns,
    primaryKey: spec.primaryKey ? { name: `${spec.name}_pkey`, columns: spec.primaryKey } : null,
    uniqueKeys,
    indexes: [],
    checks: [],
    foreignKeys,
    partitioning: null,
    dependsOn: spec.dependsOn ?? [],
    viewDefinition: isView ? 'SELECT 1' : null,
  };
}

export function schemaOf(tables: Table[], database = 'shop'): DatabaseSchema {
  const names = [...new Set(tables.map((t) => t.schema))].sort();
  return {
    formatVersion: SCHEMA_FORMAT_VERSION,
    database,
    serverVersion: '15.0',
    schemas: names.map((name) => ({ name, comment: null })),
    tables: [...tables].sort((a, b) => (`${a.schema}.${a.name}` < `${b.schema}.${b.name}` ? -1 : 1)),
    enums: [],
  };
}

/** A small shop: customers, orders (two FKs to customers), order lines, products, a self-reference, a view, an audit schema. */
export function shopSchema(): DatabaseSchema {
  return schemaOf([
    table({ name: 'customers', columns: ['id', 'email', { name: 'referrer_id', nullable: true }, 'name'], primaryKey: ['id'], unique: [{ name: 'customers_email_key', columns: ['email'] }], foreignKeys: [{ name: 'customers_referrer_fk', columns: ['referrer_id'], references: { schema: 'public', name: 'customers', columns: ['id'] } }] }),
    table({
      name: 'orders',
      columns: ['id', 'customer_id', { name: 'billing_customer_id', nullable: true }, 'placed_at', 'note'],
      primaryKey: ['id'],
      foreignKeys: [
        { name: 'orders_billing_fk', columns: ['billing_customer_id'], references: { schema: 'public', name: 'customers', columns: ['id'] } },
        { name: 'orders_customer_fk', columns: ['customer_id'], references: { schema: 'public', name: 'customers', columns: ['id'] } },
      ],
    }),
    table({
      name: 'order_lines',
      columns: ['order_id', 'line_no', 'product_id', 'quantity'],
      primaryKey: ['order_id', 'line_no'],
      foreignKeys: [
        { name: 'order_lines_order_fk', columns: ['order_id'], references: { schema: 'public', name: 'orders', columns: ['id'] } },
        { name: 'order_lines_product_fk', columns: ['product_id'], references: { schema: 'public', name: 'products', columns: ['id'] } },
      ],
    }),
    table({ name: 'products', columns: ['id', 'sku', 'price'], primaryKey: ['id'] }),
    table({ name: 'invoices', columns: ['order_id', 'total'], primaryKey: ['order_id'], foreignKeys: [{ name: 'invoices_order_fk', columns: ['order_id'], references: { schema: 'public', name: 'orders', columns: ['id'] } }] }),
    table({ name: 'order_totals', kind: 'view', columns: ['order_id', 'total'], dependsOn: [{ schema: 'public', name: 'order_lines' }, { schema: 'public', name: 'orders' }] }),
    table({ schema: 'audit', name: 'order_events', columns: ['id', 'order_id', 'at'], primaryKey: ['id'], foreignKeys: [{ name: 'order_events_order_fk', columns: ['order_id'], references: { schema: 'public', name: 'orders', columns: ['id'] } }] }),
  ]);
}
