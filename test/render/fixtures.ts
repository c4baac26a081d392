/**
 * Hand-built diagrams and layouts for the render tests: small enough to reason about, covering every
 * cardinality, a view dependency, a self-reference, several schemas and hostile names.
 */
import { measureTable, headerCenterY, rowCenterY, tableText } from '../../src/layout/measure.js';
import type { Diagram, DiagramRelation, DiagramRow, DiagramTable, KeyMarker } from '../../src/model/diagram.js';
import type { FrameBox, Layout, Point, RelationRoute, TableBox } from '../../src/model/layout.js';
import { LAYOUT_FORMAT_VERSION } from '../../src/model/layout.js';
import type { TableKind } from '../../src/model/schema.js';

export function row(column: string, type: string, key: KeyMarker = null, nullable = false): DiagramRow {
  return { column, label: column, type, nullable, key };
}

export function table(schema: string, name: string, rows: DiagramRow[], kind: TableKind = 'table'): DiagramTable {
  return { id: `${schema}.${name}`, schema, name, kind, comment: null, rows, hiddenColumns: 0 };
}

export function foreignKey(
  from: DiagramTable,
  fromColumn: string,
  to: DiagramTable,
  toColumn: string,
  constraint: string,
): DiagramRelation {
  const fromRow = from.rows.findIndex((r) => r.column === fromColumn);
  const toRow = to.rows.findIndex((r) => r.column === toColumn);
  const referencing = from.rows[fromRow]!;
  const unique = referencing.key === 'unique' || referencing.key === 'pk' || referencing.key === 'pk_fk';
  return {
    id: `${from.id}.${constraint}`,
    kind: 'foreign_key',
    from: from.id,
    to: to.id,
    fromColumns: [fromColumn],
    toColumns: [toColumn],
    fromEnd: unique ? 'zero_or_one' : 'zero_or_many',
    toEnd: referencing.nullable ? 'zero_or_one' : 'exactly_one',
    fromRow,
    toRow,
  };
}

export function viewDependency(view: DiagramTable, reads: DiagramTable): DiagramRelation {
  return {
    id: `view:${view.id}->${reads.id}`,
    kind: 'view_dependency',
    from: view.id,
    to: reads.id,
    fromColumns: [],
    toColumns: [],
    fromEnd: 'zero_or_many',
    toEnd: 'exactly_one',
    fromRow: null,
    toRow: null,
  };
}

export function diagramOf(title: string, tables: DiagramTable[], relations: DiagramRelation[]): Diagram {
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    title,
    schemas: [...new Set(tables.map((t) => t.schema))].sort(),
    tables: [...tables].sort(byId),
    relations: [...relations].sort(byId),
    droppedRelations: 0,
  };
}

/**
 * A layout with every table at the given grid cell (column, row), sized by measure.ts, and simple
 * three-segment orthogonal routes between the facing edges: what the layout stage's contract promises.
 */
export function gridLayout(diagram: Diagram, cells: Record<string, [number, number]>): Layout {
  const CELL_W = 420;
  const CELL_H = 320;
  const MARGIN = 40;
  const several = diagram.schemas.length > 1;
  const tables: TableBox[] = diagram.tables.map((t) => {
    const cell = cells[t.id];
    if (cell === undefined) throw new Error(`fixture: no cell for ${t.id}`);
    const header = several ? `${t.schema}.${t.name}` : t.name;
    const m = measureTable(t, header);
    return { id: t.id, x: MARGIN + cell[0] * CELL_W, y: MARGIN + cell[1] * CELL_H, width: m.width, height: m.height, text: tableText(t, header, m) };
  });
  const boxOf = new Map(tables.map((b) => [b.id, b]));
  const relations: RelationRoute[] = diagram.relations.map((r) => {
    const from = boxOf.get(r.from)!;
    const to = boxOf.get(r.to)!;
    const fromY = from.y + (r.fromRow === null ? headerCenterY() : rowCenterY(r.fromRow));
    const toY = to.y + (r.toRow === null ? headerCenterY() : rowCenterY(r.toRow));
    if (r.from === r.to) {
      const out = from.x + from.width;
      const points: Point[] = [
        { x: out, y: fromY },
        { x: out + 30, y: fromY },
        { x: out + 30, y: toY },
        { x: out, y: toY },
      ];
      return { id: r.id, from: r.from, to: r.to, fromAnchor: points[0]!, fromSide: 'right', toAnchor: points[3]!, toSide: 'right', points };
    }
    if (from.x < to.x + to.width && to.x < from.x + from.width) {
      // Same column: leave and enter on the left edges, detouring around the column.
      const detour = Math.min(from.x, to.x) - 30;
      const points: Point[] = [
        { x: from.x, y: fromY },
        { x: detour, y: fromY },
        { x: detour, y: toY },
        { x: to.x, y: toY },
      ];
      return { id: r.id, from: r.from, to: r.to, fromAnchor: points[0]!, fromSide: 'left', toAnchor: points[3]!, toSide: 'left', points };
    }
    const rightward = from.x + from.width <= to.x;
    const fromX = rightward ? from.x + from.width : from.x;
    const toX = rightward ? to.x : to.x + to.width;
    const midX = (fromX + toX) / 2;
    const points: Point[] = [
      { x: fromX, y: fromY },
      { x: midX, y: fromY },
      { x: midX, y: toY },
      { x: toX, y: toY },
    ];
    return {
      id: r.id,
      from: r.from,
      to: r.to,
      fromAnchor: points[0]!,
      fromSide: rightward ? 'right' : 'left',
      toAnchor: points[3]!,
      toSide: rightward ? 'left' : 'right',
      points,
    };
  });
  const frames: FrameBox[] = several
    ? diagram.schemas.map((schema) => {
        const inside = tables.filter((b) => diagram.tables.find((t) => t.id === b.id)?.schema === schema);
        const x = Math.min(...inside.map((b) => b.x)) - 24;
        const y = Math.min(...inside.map((b) => b.y)) - 24;
        const right = Math.max(...inside.map((b) => b.x + b.width)) + 24;
        const bottom = Math.max(...inside.map((b) => b.y + b.height)) + 24;
        return { schema, x, y, width: right - x, height: bottom - y, tables: inside.map((b) => b.id) };
      })
    : [];
  const all = [...tables, ...frames];
  return {
    formatVersion: LAYOUT_FORMAT_VERSION,
    width: Math.max(...all.map((b) => b.x + b.width)) + MARGIN,
    height: Math.max(...all.map((b) => b.y + b.height)) + MARGIN,
    tables,
    frames,
    relations,
  };
}

/** A shop: every cardinality case, a self-reference, a nullable key, a view, in one schema. */
export function shopDiagram(): { diagram: Diagram; layout: Layout } {
  const customers = table('public', 'customers', [
    row('id', 'integer', 'pk'),
    row('email', 'text', 'unique'),
    row('name', 'text'),
    row('referred_by', 'integer', 'fk', true),
  ]);
  const profiles = table('public', 'customer_profiles', [
    row('customer_id', 'integer', 'pk_fk'),
    row('bio', 'text', null, true),
  ]);
  const orders = table('public', 'orders', [
    row('id', 'bigint', 'pk'),
    row('customer_id', 'integer', 'fk'),
    row('coupon_id', 'integer', 'fk', true),
    row('placed_at', 'timestamp with time zone'),
  ]);
  const coupons = table('public', 'coupons', [row('id', 'integer', 'pk'), row('code', 'character varying(32)', 'unique')]);
  const totals = table('public', 'order_totals', [row('order_id', 'bigint'), row('total', 'numeric(12,2)', null, true)], 'view');
  const relations = [
    foreignKey(orders, 'customer_id', customers, 'id', 'orders_customer_id_fkey'),
    foreignKey(orders, 'coupon_id', coupons, 'id', 'orders_coupon_id_fkey'),
    foreignKey(profiles, 'customer_id', customers, 'id', 'customer_profiles_customer_id_fkey'),
    foreignKey(customers, 'referred_by', customers, 'id', 'customers_referred_by_fkey'),
    viewDependency(totals, orders),
  ];
  const diagram = diagramOf('shop', [customers, profiles, orders, coupons, totals], relations);
  const layout = gridLayout(diagram, {
    'public.orders': [0, 0],
    'public.order_totals': [0, 1],
    'public.customers': [1, 0],
    'public.coupons': [1, 1],
    'public.customer_profiles': [2, 0],
  });
  return { diagram, layout };
}

/** Two schemas, so frames and schema-qualified headers appear. */
export function twoSchemaDiagram(): { diagram: Diagram; layout: Layout } {
  const accounts = table('auth', 'accounts', [row('id', 'uuid', 'pk'), row('login', 'text', 'unique')]);
  const invoices = table('billing', 'invoices', [
    row('id', 'uuid', 'pk'),
    row('account_id', 'uuid', 'fk'),
    row('amount', 'numeric(10,2)'),
  ]);
  const diagram = diagramOf('acme', [accounts, invoices], [foreignKey(invoices, 'account_id', accounts, 'id', 'invoices_account_id_fkey')]);
  const layout = gridLayout(diagram, { 'billing.invoices': [0, 0], 'auth.accounts': [1, 0] });
  return { diagram, layout };
}

/** Names chosen to break naive markup: tags, ampersands, quotes, Cyrillic, a control character. */
export const HOSTILE_NAMES = {
  table: '<script>alert(1)</script>',
  column: '<script>',
  ampersand: 'a&b',
  quotes: `say "hi" it's`,
  cyrillic: 'ключ',
  control: 'bell\u0007',
} as const;

export function hostileDiagram(): { diagram: Diagram; layout: Layout } {
  const hostile = table('public', HOSTILE_NAMES.table, [
    row('id', 'integer', 'pk'),
    row(HOSTILE_NAMES.column, 'text'),
    row(HOSTILE_NAMES.ampersand, 'text', null, true),
    row(HOSTILE_NAMES.quotes, 'text'),
    row(HOSTILE_NAMES.cyrillic, 'integer', 'fk'),
    row(HOSTILE_NAMES.control, 'text'),
  ]);
  const target = table('public', 'цель', [row('id', 'integer', 'pk')]);
  const diagram = diagramOf(`db "</script>" & co`, [hostile, target], [
    foreignKey(hostile, HOSTILE_NAMES.cyrillic, target, 'id', 'fk_ключ'),
  ]);
  const layout = gridLayout(diagram, { [hostile.id]: [0, 0], [target.id]: [1, 0] });
  return { diagram, layout };
}
