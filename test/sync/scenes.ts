/**
 * Hand-built board scenes for the sync tests: tables in a grid, sized by the shared measurements, with
 * relations attached at their columns' rows, as the render stage would describe them.
 */
import { measureTable, rowCenterY, tableText } from '../../src/layout/measure.js';
import type { DiagramRow, KeyMarker } from '../../src/model/diagram.js';
import type { Box } from '../../src/model/layout.js';
import type { BoardScene, EndMarker, SceneConnector, SceneFrame, SceneTable, SchemaColors } from '../../src/model/scene.js';
import { withSelfLoops } from '../../src/scene/self-loop.js';

export interface TableSpec {
  schema?: string;
  name: string;
  /** `name type` with an optional key marker first: `pk id integer`, `fk film_id integer`, `note text?`. */
  columns: string[];
}

export interface RelationSpec {
  from: string;
  fromColumn: string;
  to: string;
  toColumn: string;
  startMarker?: EndMarker;
  endMarker?: EndMarker;
}

const COLORS: SchemaColors = { header: '#4f46e5', headerText: '#ffffff', border: '#8a84ee' };
const OTHER_COLORS: SchemaColors = { header: '#0f766e', headerText: '#ffffff', border: '#65a9a3' };
const GAP = 120;
const PER_ROW = 5;
const FRAME_PADDING = 40;

export function buildTestScene(tables: TableSpec[], relations: RelationSpec[] = [], title = 'test_db'): BoardScene {
  const schemas = [...new Set(tables.map((t) => t.schema ?? 'public'))].sort();
  const qualified = schemas.length > 1;
  const sceneTables: SceneTable[] = [];
  const sorted = [...tables].sort((a, b) => idOf(a).localeCompare(idOf(b)));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  sorted.forEach((spec, index) => {
    if (index > 0 && index % PER_ROW === 0) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    const rows = spec.columns.map(parseRow);
    const schema = spec.schema ?? 'public';
    const header = qualified ? `${schema}.${spec.name}` : spec.name;
    const metrics = measureTable({ name: spec.name, rows }, header);
    const box: Box = { x, y, width: metrics.width, height: metrics.height };
    x += metrics.width + GAP;
    rowHeight = Math.max(rowHeight, metrics.height);
    sceneTables.push({
      id: `${schema}.${spec.name}`,
      schema,
      name: spec.name,
      kind: 'table',
      box,
      header,
      rows,
      cells: tableText({ rows }, header, metrics).cells,
      colors: schemas.indexOf(schema) === 0 ? COLORS : OTHER_COLORS,
      mark: null,
    });
  });
  const byId = new Map(sceneTables.map((t) => [t.id, t]));
  const connectors: SceneConnector[] = relations.map((r) => {
    const from = byId.get(r.from)!;
    const to = byId.get(r.to)!;
    const fromRow = from.rows.findIndex((row) => row.column === r.fromColumn);
    const toRow = to.rows.findIndex((row) => row.column === r.toColumn);
    // A self-reference leaves and enters on the right, as the layout draws it.
    const right = to.box.x > from.box.x || r.from === r.to;
    return {
      id: `${r.from}.${r.fromColumn}_fkey`,
      from: r.from,
      to: r.to,
      fromAttach: { x: right ? 1 : 0, y: round4(rowCenterY(fromRow) / from.box.height) },
      toAttach: { x: right && r.from !== r.to ? 0 : 1, y: round4(rowCenterY(toRow) / to.box.height) },
      startMarker: r.startMarker ?? 'zero_or_many',
      endMarker: r.endMarker ?? 'exactly_one',
      style: 'solid',
      route: [],
    };
  });
  connectors.sort((a, b) => a.id.localeCompare(b.id));
  const frames: SceneFrame[] = qualified
    ? schemas.map((schema) => {
        const inside = sceneTables.filter((t) => t.schema === schema);
        const box = bounds(inside.map((t) => t.box), FRAME_PADDING);
        return { schema, box, title: schema, colors: schemas.indexOf(schema) === 0 ? COLORS : OTHER_COLORS };
      })
    : [];
  // With frames, tables of different schemas must not share a frame's area: stack schemas vertically.
  if (qualified) separateFrames(frames, sceneTables);
  const all = [...sceneTables.map((t) => t.box), ...frames.map((f) => f.box)];
  const content = bounds(all, 0);
  const titleBox: Box = { x: content.x, y: content.y - 120, width: 400, height: 84 };
  return {
    bounds: bounds([content, titleBox], 0),
    title: { box: titleBox, lines: [title, `${schemas.length} schema(s) · ${tables.length} tables`, 'PK primary key'] },
    frames,
    tables: sceneTables.sort((a, b) => a.id.localeCompare(b.id)),
    // Self-references get their circle as the scene stage places it.
    connectors: withSelfLoops(connectors, new Map(sceneTables.map((t) => [t.id, t.box]))),
    enumLegends: [],
  };
}

function separateFrames(frames: SceneFrame[], tables: SceneTable[]): void {
  let top = 0;
  for (const frame of frames) {
    const dy = top - frame.box.y;
    frame.box = { ...frame.box, y: frame.box.y + dy };
    for (const table of tables) if (table.schema === frame.schema) table.box = { ...table.box, y: table.box.y + dy };
    top = frame.box.y + frame.box.height + GAP;
  }
}

function parseRow(spec: string): DiagramRow {
  const parts = spec.split(' ');
  let key: KeyMarker = null;
  if (['pk', 'fk', 'pk_fk', 'unique'].includes(parts[0]!)) key = parts.shift() as KeyMarker;
  const [column = '', rawType = ''] = parts;
  const nullable = rawType.endsWith('?');
  return { column, label: column, type: nullable ? rawType.slice(0, -1) : rawType, nullable, key };
}

function idOf(spec: TableSpec): string {
  return `${spec.schema ?? 'public'}.${spec.name}`;
}

function bounds(boxes: Box[], padding: number): Box {
  const x = Math.min(...boxes.map((b) => b.x)) - padding;
  const y = Math.min(...boxes.map((b) => b.y)) - padding;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + padding;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + padding;
  return { x, y, width: right - x, height: bottom - y };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** A small shop schema: customers, orders, order lines, products. */
export function shopTables(): TableSpec[] {
  return [
    { name: 'customer', columns: ['pk id integer', 'email text', 'name text?'] },
    { name: 'orders', columns: ['pk id integer', 'fk customer_id integer', 'placed_at timestamptz'] },
    { name: 'order_line', columns: ['pk_fk order_id integer', 'pk line integer', 'fk product_id integer', 'quantity integer'] },
    { name: 'product', columns: ['pk id integer', 'unique sku text', 'price numeric(10,2)'] },
  ];
}

export function shopRelations(): RelationSpec[] {
  return [
    { from: 'public.orders', fromColumn: 'customer_id', to: 'public.customer', toColumn: 'id' },
    { from: 'public.order_line', fromColumn: 'order_id', to: 'public.orders', toColumn: 'id' },
    { from: 'public.order_line', fromColumn: 'product_id', to: 'public.product', toColumn: 'id' },
  ];
}
