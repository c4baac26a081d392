/**
 * Subject areas, reference boxes and the board as Miro draws it, on large generated schemas (modular
 * profile: subject modules, 3-4 hubs of 40-150 references, cross-schema relations, self-references),
 * loaded into real PostgreSQL and read back by introspection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDiagram } from '../../src/graph/index.js';
import { introspect } from '../../src/introspect/index.js';
import { aspectRatio, boardMetrics, layoutDiagram } from '../../src/layout/index.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import type { Layout } from '../../src/model/layout.js';
import { syntheticSchemaSql } from '../../scripts/synthetic-schema.js';
import { freshDatabase, introspectDatabase, type FreshDatabase } from '../support/database.js';
import { expectValidLayout } from './support/layout-invariants.js';
import { coreTableToExtend, expectOnlyItsAreaChanged } from './support/area-stability.js';

const read = introspectDatabase;

describe('subject areas on a generated 400-table schema in 6 schemas', () => {
  let database: FreshDatabase;
  let before: DatabaseSchema;
  let after: DatabaseSchema;

  beforeAll(async () => {
    database = await freshDatabase('areas');
    await database.exec(syntheticSchemaSql({ tables: 400, schemas: 6, seed: 4, profile: 'modular' }));
    before = await read(database);
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it('splits every large schema into screen-sized areas, the same ones every time', async () => {
    const diagram = buildDiagram(before);
    const areas = diagram.areas ?? [];
    expect(areas.length).toBeGreaterThan(10);
    expect(buildDiagram(before).areas).toEqual(areas);
    // Every table in at most one area; every area in one schema, titled after a table of it.
    const seen = new Set<string>();
    for (const area of areas) {
      for (const id of area.tables) {
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
        expect(id.startsWith(`${area.schema}.`), id).toBe(true);
      }
      const central = area.title.split(' & ')[0];
      expect(area.tables.some((id) => id === `${area.schema}.${central}`), area.title).toBe(true);
    }
  });

  it('lays out validly, byte-identically, screen-shaped, with screen-sized frames and at most four ends per point', async () => {
    const diagram = buildDiagram(before);
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(JSON.stringify(await layoutDiagram(structuredClone(diagram)))).toBe(JSON.stringify(layout));
    expect(aspectRatio(layout)).toBeGreaterThanOrEqual(0.5);
    expect(aspectRatio(layout)).toBeLessThanOrEqual(2.5);
    const board = boardMetrics(layout);
    expect(board.maxEndsPerPoint).toBeLessThanOrEqual(4);
    expect(board.p90Length).toBeLessThanOrEqual(2500);
    // Every area frame fits 1920x1080 with 14-unit text at 10 px.
    expect(board.textPx).toBeGreaterThanOrEqual(10);
  });

  it('draws each hub once and gives every other area that references it a reference box, where its relations end', async () => {
    const diagram = buildDiagram(before);
    const layout = await layoutDiagram(diagram);
    const hubs = diagram.hubs ?? [];
    expect(hubs.length).toBeGreaterThanOrEqual(3);
    const areaOf = new Map<string, string>();
    for (const frame of layout.frames) for (const id of frame.tables) areaOf.set(id, frame.area?.key ?? frame.schema);
    const references = layout.references ?? [];
    for (const hub of hubs) {
      expect(layout.tables.filter((t) => t.id === hub)).toHaveLength(1);
      const home = areaOf.get(hub);
      for (const r of layout.relations.filter((x) => x.to === hub && x.from !== hub)) {
        const area = areaOf.get(r.from);
        if (area === home) {
          expect(r.toItem, r.id).toBeUndefined();
          continue;
        }
        const box = references.find((b) => b.id === r.toItem);
        expect(box?.table, r.id).toBe(hub);
        expect(box?.area, r.id).toBe(area);
        expect(box?.targetArea, r.id).toBe(home);
      }
    }
    // Reference boxes of one table in one area: the first `ref:<area>/<table>`, copies for clusters of far
    // tables `~2`, `~3`..., each with relations ending at it; never in the table's own area.
    const families = new Map<string, string[]>();
    for (const box of references) families.set(`${box.area}|${box.table}`, [...(families.get(`${box.area}|${box.table}`) ?? []), box.id]);
    for (const [key, ids] of families) {
      const [area, table] = key.split('|') as [string, string];
      const base = `ref:${area}/${table}`;
      expect(ids.sort(), key).toEqual([base, ...ids.slice(1).map((_, i) => `${base}~${i + 2}`)].sort());
    }
    for (const box of references) expect(layout.relations.some((r) => r.toItem === box.id), box.id).toBe(true);
    for (const box of references) expect(box.area).not.toBe(areaOf.get(box.table));
  });

  it('without reference boxes, every relation ends at the table itself', async () => {
    const diagram = buildDiagram(before);
    const layout = await layoutDiagram(diagram, { references: false });
    // A hub's 120 relations do not fit four to a row on its 10 rows: this is what reference boxes are for.
    expectValidLayout(diagram, layout, Infinity);
    expect(layout.references).toBeUndefined();
    expect(layout.relations.every((r) => r.toItem === undefined)).toBe(true);
  });

  it('adding one table moves no table outside its own area', async () => {
    const diagram = buildDiagram(before);
    const first = await layoutDiagram(diagram);
    // A new table referencing an ordinary table of a mid-sized area, as a one-table migration would add.
    const target = coreTableToExtend(diagram);
    if (!target) throw new Error('no area to extend');
    const [schema, name] = target.split('.') as [string, string];
    await database.exec(`CREATE TABLE ${schema}.${name}_notes (id bigint PRIMARY KEY, ${name}_id bigint REFERENCES ${schema}.${name} (id), body text);`);
    after = await read(database);
    const grown = buildDiagram(after);
    const newId = `${schema}.${name}_notes`;
    expect((grown.areas ?? []).find((a) => a.tables.includes(newId))?.tables).toContain(target);
    expectOnlyItsAreaChanged({ diagram, layout: first }, { diagram: grown, layout: await layoutDiagram(grown) }, newId);
  });

  it('a focused diagram under 40 tables has no areas', () => {
    const hub = buildDiagram(before).hubs?.[0] ?? '';
    const focused = buildDiagram(before, { focus: hub, depth: 0 });
    expect(focused.tables.length).toBeLessThan(40);
    expect(focused.areas).toEqual([]);
  });

  it('pins configured areas by glob; the other tables fall into detected areas', () => {
    const diagram = buildDiagram(before, { areas: [{ name: 'Hub tables', include: ['organizations', 'users'] }] });
    const pinned = (diagram.areas ?? []).filter((a) => a.pinned);
    expect(pinned.map((a) => a.title)).toEqual(['Hub tables']);
    expect(pinned[0]?.tables).toEqual(['public.organizations', 'public.users']);
    expect((diagram.areas ?? []).filter((a) => !a.pinned).every((a) => !a.tables.includes('public.users'))).toBe(true);
  });
});

/**
 * The regression guard of "connectors through tables": on schemas up to 150 tables, not one connector, as
 * Miro draws it (elbowed between its attach points, ignoring other items), passes through a table or
 * reference box that is neither of its ends. The bench's generated 100-table cases, in one and in five schemas.
 */
describe.each([
  { label: '100 tables in 1 schema', tables: 100, schemas: 1 },
  { label: '100 tables in 5 schemas', tables: 100, schemas: 5 },
])('connectors through tables on a generated schema of $label', ({ tables, schemas }) => {
  let database: FreshDatabase;
  let schema: DatabaseSchema;

  beforeAll(async () => {
    database = await freshDatabase(`through${schemas}`);
    await database.exec(syntheticSchemaSql({ tables, schemas, profile: 'modular' }));
    schema = await read(database);
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it('draws no connector through a table that is neither end, with reference-box copies where they help', async () => {
    const diagram = buildDiagram(schema);
    expect(diagram.areas?.length).toBeGreaterThan(3);
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    const board = boardMetrics(layout);
    expect(board.connectors).toBeGreaterThan(300);
    expect(board.throughTables).toBe(0);
    expect(board.maxEndsPerPoint).toBeLessThanOrEqual(4);
    // Some far referencing tables got a copy of their reference box beside them.
    expect((layout.references ?? []).some((r) => r.id.includes('~'))).toBe(true);
  });
});
