import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { CHAR_WIDTH, PADDING_X, headerCenterY, measureTable, rowCenterY, tableText, textCells } from '../../src/layout/measure.js';
import type { Box } from '../../src/model/layout.js';
import { buildScene } from '../../src/scene/index.js';
import { ENDS_LEGEND_LINE, LEGEND_LINE, TITLE_GAP } from '../../src/scene/title.js';
import { diagramOf, gridLayout, row, shopDiagram, table, twoSchemaDiagram } from './fixtures.js';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width + 1e-9 &&
    inner.y + inner.height <= outer.y + outer.height + 1e-9
  );
}

describe('buildScene', () => {
  it('draws every table once, at its layout box, with its rows', () => {
    const { diagram, layout } = shopDiagram();
    const scene = buildScene(diagram, layout);
    expect(scene.tables.map((t) => t.id)).toEqual(diagram.tables.map((t) => t.id));
    for (const t of scene.tables) {
      const box = layout.tables.find((b) => b.id === t.id)!;
      expect(t.box).toEqual({ x: box.x, y: box.y, width: box.width, height: box.height });
      expect(t.rows).toEqual(diagram.tables.find((d) => d.id === t.id)!.rows);
      expect(t.header).toBe(t.name);
      expect(t.mark).toBeNull();
    }
    expect(scene.frames).toEqual([]);
  });

  it('puts crow-foot markers on each end by the ERD rules', () => {
    const { diagram, layout } = shopDiagram();
    const byId = new Map(buildScene(diagram, layout).connectors.map((c) => [c.id, c]));
    const ends = (id: string): [string, string, string] => {
      const c = byId.get(id)!;
      return [c.startMarker, c.endMarker, c.style];
    };
    // Mandatory FK: many orders to exactly one customer.
    expect(ends('public.orders.orders_customer_id_fkey')).toEqual(['zero_or_many', 'exactly_one', 'solid']);
    // Nullable FK: the referenced side becomes "zero or one".
    expect(ends('public.orders.orders_coupon_id_fkey')).toEqual(['zero_or_many', 'zero_or_one', 'solid']);
    // FK that is also the primary key: one-to-one.
    expect(ends('public.customer_profiles.customer_profiles_customer_id_fkey')).toEqual(['zero_or_one', 'exactly_one', 'solid']);
    // Nullable self-reference.
    expect(ends('public.customers.customers_referred_by_fkey')).toEqual(['zero_or_many', 'zero_or_one', 'solid']);
    // View dependency: dashed, no crow's feet.
    expect(ends('view:public.order_totals->public.orders')).toEqual(['none', 'none', 'dashed']);
  });

  it('attaches connectors inside 0..1 of the box, on the relation rows and on the routed sides', () => {
    const { diagram, layout } = shopDiagram();
    const scene = buildScene(diagram, layout);
    for (const c of scene.connectors) {
      const relation = diagram.relations.find((r) => r.id === c.id)!;
      const route = layout.relations.find((r) => r.id === c.id)!;
      const from = scene.tables.find((t) => t.id === c.from)!.box;
      const to = scene.tables.find((t) => t.id === c.to)!.box;
      for (const p of [c.fromAttach, c.toAttach]) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(1);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(1);
      }
      const fromY = relation.fromRow === null ? headerCenterY() : rowCenterY(relation.fromRow);
      const toY = relation.toRow === null ? headerCenterY() : rowCenterY(relation.toRow);
      expect(c.fromAttach.y * from.height).toBeCloseTo(fromY, 1);
      expect(c.toAttach.y * to.height).toBeCloseTo(toY, 1);
      expect(c.fromAttach.x).toBe(route.fromSide === 'right' ? 1 : 0);
      expect(c.toAttach.x).toBe(route.toSide === 'right' ? 1 : 0);
      expect(c.route).toEqual(route.points);
    }
  });

  it('clamps an anchor that lies outside its box onto the box', () => {
    const { diagram, layout } = shopDiagram();
    const route = layout.relations[0]!;
    route.fromAnchor = { x: route.fromAnchor.x + 1000, y: route.fromAnchor.y - 1000 };
    const c = buildScene(diagram, layout).connectors.find((x) => x.id === route.id)!;
    expect(c.fromAttach.y).toBe(0);
    expect([0, 1]).toContain(c.fromAttach.x);
  });

  it('qualifies headers and draws one frame per schema when there are several schemas', () => {
    const { diagram, layout } = twoSchemaDiagram();
    const scene = buildScene(diagram, layout);
    expect(scene.tables.map((t) => t.header)).toEqual(['auth.accounts', 'billing.invoices']);
    expect(scene.frames.map((f) => [f.schema, f.title])).toEqual([
      ['auth', 'auth'],
      ['billing', 'billing'],
    ]);
    for (const frame of scene.frames) {
      const laid = layout.frames.find((f) => f.schema === frame.schema)!;
      expect(frame.box).toEqual({ x: laid.x, y: laid.y, width: laid.width, height: laid.height });
      expect(frame.colors).toEqual(scene.tables.find((t) => t.schema === frame.schema)!.colors);
    }
    const [auth, billing] = scene.frames;
    expect(auth!.colors.header).not.toBe(billing!.colors.header);
  });

  it('cuts a header that does not fit its box, keeping the full name in `name`', () => {
    const long = 'a_really_long_table_name_that_goes_on_and_on_and_on';
    const t = table('public', long, [row('id', 'integer', 'pk')]);
    const diagram = diagramOf('db', [t], []);
    const layout = gridLayout(diagram, { [t.id]: [0, 0] });
    layout.tables[0]!.width = 200;
    layout.tables[0]!.text = tableText(t, long, { ...measureTable(t, long), width: 200 });
    const scene = buildScene(diagram, layout);
    const header = scene.tables[0]!.header;
    expect(header.endsWith('…')).toBe(true);
    expect(textCells(header) * CHAR_WIDTH).toBeLessThanOrEqual(200 - 2 * PADDING_X);
    expect(scene.tables[0]!.name).toBe(long);
  });

  it('applies colour overrides per schema and rejects invalid colours with a usage error', () => {
    const { diagram, layout } = twoSchemaDiagram();
    const scene = buildScene(diagram, layout, { colors: { billing: '#FA0' } });
    const billing = scene.tables.find((t) => t.schema === 'billing')!;
    expect(billing.colors.header).toBe('#ffaa00');
    expect(billing.colors.headerText).toBe('#0f172a');

    const attempt = (): unknown => buildScene(diagram, layout, { colors: { billing: 'orange; x' } });
    expect(attempt).toThrow(SchemaToMiroError);
    expect(attempt).toThrow(/invalid colour "orange; x" for schema "billing"/);
  });

  it('places the title above the diagram top-left, clear of every table, frame and route', () => {
    for (const { diagram, layout } of [shopDiagram(), twoSchemaDiagram()]) {
      const scene = buildScene(diagram, layout);
      const { box, lines } = scene.title;
      const minX = Math.min(...scene.tables.map((t) => t.box.x), ...scene.frames.map((f) => f.box.x));
      const minY = Math.min(...scene.tables.map((t) => t.box.y), ...scene.frames.map((f) => f.box.y));
      expect(box.x).toBe(minX);
      expect(box.y + box.height + TITLE_GAP).toBeLessThanOrEqual(minY);
      for (const t of scene.tables) expect(overlaps(box, t.box)).toBe(false);
      for (const f of scene.frames) expect(overlaps(box, f.box)).toBe(false);
      for (const c of scene.connectors) for (const p of c.route) expect(p.y).toBeGreaterThan(box.y + box.height);
      expect(lines[0]).toBe(diagram.title);
      expect(lines[2]).toBe(LEGEND_LINE);
      expect(lines[3]).toBe(ENDS_LEGEND_LINE);
      expect(lines[3]).toBe('relation ends:  --|| exactly one  ·  --o| zero or one  ·  --o< zero or many');
      for (const thing of [box, ...scene.tables.map((t) => t.box), ...scene.frames.map((f) => f.box)]) {
        expect(contains(scene.bounds, thing)).toBe(true);
      }
    }
  });

  it('counts schemas, tables and relations in the title and names the markers in the legend', () => {
    const { diagram, layout } = shopDiagram();
    diagram.droppedRelations = 2;
    const lines = buildScene(diagram, layout).title.lines;
    expect(lines[1]).toBe('1 schema  ·  5 tables  ·  5 relations  ·  2 filtered out');
    for (const word of ['PK', 'FK', 'PF', 'UK', '?']) expect(lines[2]).toContain(word);
  });

  it('is deterministic and independent of the order of the layout lists', () => {
    const { diagram, layout } = shopDiagram();
    const first = JSON.stringify(buildScene(diagram, layout));
    const shuffled = { ...layout, tables: [...layout.tables].reverse(), relations: [...layout.relations].reverse() };
    expect(JSON.stringify(buildScene(diagram, shuffled))).toBe(first);
    expect(JSON.stringify(buildScene(shopDiagram().diagram, shopDiagram().layout))).toBe(first);
  });

  it('does not share structure with its inputs', () => {
    const { diagram, layout } = shopDiagram();
    const scene = buildScene(diagram, layout);
    scene.tables[0]!.box.x = -999;
    scene.tables[0]!.rows[0]!.label = 'changed';
    scene.connectors[0]!.route[0]!.x = -999;
    expect(layout.tables[0]!.x).not.toBe(-999);
    expect(diagram.tables[0]!.rows[0]!.label).not.toBe('changed');
    expect(layout.relations[0]!.points[0]!.x).not.toBe(-999);
  });

  it('rejects a layout that does not match the diagram with a one-line usage error', () => {
    const { diagram, layout } = shopDiagram();
    const missingBox = { ...layout, tables: layout.tables.slice(1) };
    expect(() => buildScene(diagram, missingBox)).toThrow(/^layout does not match the diagram: no box for table public\.coupons$/);
    const missingRoute = { ...layout, relations: layout.relations.slice(1) };
    expect(() => buildScene(diagram, missingRoute)).toThrow(/no route for relation/);
    const extra = { ...layout, tables: [...layout.tables, { id: 'public.ghost', x: 0, y: 0, width: 1, height: 1, text: layout.tables[0]!.text }] };
    expect(() => buildScene(diagram, extra)).toThrow(/public\.ghost, which is not in the diagram/);
    try {
      buildScene(diagram, missingBox);
    } catch (error) {
      expect(error).toBeInstanceOf(SchemaToMiroError);
      expect((error as SchemaToMiroError).kind).toBe('usage');
    }
  });

  it('keeps the title on one line and cut to a sensible length', () => {
    const { diagram, layout } = shopDiagram();
    diagram.title = `  multi\nline\t title ${'x'.repeat(200)}`;
    const heading = buildScene(diagram, layout).title.lines[0]!;
    expect(heading.startsWith('multi line title x')).toBe(true);
    expect(heading.endsWith('…')).toBe(true);
    expect(textCells(heading)).toBe(80);
    diagram.title = '   ';
    expect(buildScene(diagram, layout).title.lines[0]).toBe('Database schema');
  });

  it('handles an empty diagram', () => {
    const diagram = diagramOf('empty', [], []);
    const scene = buildScene(diagram, gridLayout(diagram, {}));
    expect(scene.tables).toEqual([]);
    expect(scene.title.lines[1]).toBe('0 schemas  ·  0 tables  ·  0 relations');
    expect(Number.isFinite(scene.bounds.width)).toBe(true);
  });
});
