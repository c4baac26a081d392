/**
 * fixtures/shop.sql, the small schema users preview first, read field by field through the --sql path
 * and, when there is one, a live server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import type { DatabaseSchema, Table } from '../../src/model/schema.js';
import { openSource } from '../../src/source/index.js';
import { findServer, fixture, freshDatabase } from '../support/database.js';

const SHOP = fixture('shop.sql');
const server = await findServer();

const readers: Array<[string, () => Promise<DatabaseSchema>]> = [
  [
    'PGlite',
    async () => {
      const source = await openSource({ kind: 'sql', paths: [SHOP] });
      try {
        return await introspect(source);
      } finally {
        await source.close();
      }
    },
  ],
];
if (server) {
  readers.push([
    'live server',
    async () => {
      const database = await freshDatabase('shop');
      try {
        await database.loadFile(SHOP);
        const source = await database.open();
        try {
          return await introspect(source);
        } finally {
          await source.close();
        }
      } finally {
        await database.drop();
      }
    },
  ]);
}

describe.each(readers)('fixtures/shop.sql via %s', (_label, read) => {
  let model: DatabaseSchema;
  const table = (name: string): Table => {
    const found = model.tables.find((t) => t.name === name);
    if (!found) throw new Error(`no table ${name}`);
    return found;
  };

  beforeAll(async () => {
    model = await read();
  });


  it('has the eight shop tables in public and the order status enum', () => {
    expect(model.schemas.map((s) => s.name)).toEqual(['public']);
    expect(model.tables.map((t) => t.name)).toEqual([
      'addresses',
      'categories',
      'customers',
      'order_items',
      'orders',
      'payments',
      'products',
      'reviews',
    ]);
    expect(model.enums).toEqual([{ schema: 'public', name: 'order_status', labels: ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] }]);
  });

  it('reads every foreign key with its actions', () => {
    const keys = model.tables.flatMap((t) =>
      t.foreignKeys.map((k) => `${t.name}(${k.columns.join(',')}) -> ${k.references.name}(${k.references.columns.join(',')}) ${k.onDelete}`),
    );
    expect(keys).toEqual([
      'addresses(customer_id) -> customers(id) cascade',
      'categories(parent_id) -> categories(id) no_action',
      'order_items(order_id) -> orders(id) cascade',
      'order_items(product_id) -> products(id) no_action',
      'orders(customer_id) -> customers(id) no_action',
      'orders(shipping_address_id) -> addresses(id) set_null',
      'payments(order_id) -> orders(id) no_action',
      'products(category_id) -> categories(id) no_action',
      'reviews(customer_id) -> customers(id) no_action',
      'reviews(product_id) -> products(id) cascade',
    ]);
  });

  it('reads columns, keys, checks and comments as declared', () => {
    expect(table('customers').comment).toBe('People who can sign in and place orders.');
    expect(table('customers').columns.map((c) => [c.name, c.type, c.nullable, c.identity, c.default])).toEqual([
      ['id', 'bigint', false, 'always', null],
      ['email', 'character varying(320)', false, null, null],
      ['full_name', 'text', false, null, null],
      ['created_at', 'timestamp with time zone', false, null, 'now()'],
    ]);
    expect(table('customers').uniqueKeys).toEqual([{ name: 'customers_email_key', columns: ['email'], origin: 'constraint', predicate: null }]);
    expect(table('orders').columns.find((c) => c.name === 'status')).toEqual({
      name: 'status',
      ordinal: 4,
      type: 'public.order_status',
      nullable: false,
      default: "'pending'::public.order_status",
      identity: null,
      generated: null,
      comment: 'Moves forward only; cancelled is final.',
    });
    expect(table('order_items').primaryKey).toEqual({ name: 'order_items_pkey', columns: ['order_id', 'product_id'] });
    expect(table('products').checks).toEqual([{ name: 'products_price_check', expression: 'CHECK ((price >= (0)::numeric))' }]);
    expect(table('products').columns.find((c) => c.name === 'tags')?.type).toBe('text[]');
    expect(table('reviews').uniqueKeys.map((k) => k.columns)).toEqual([['product_id', 'customer_id']]);
    expect(table('categories').columns[0]?.identity).toBe('by_default');
  });
});
