import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { buildDiagram } from '../../src/graph/index.js';
import { aspectRatio, countStraightCrossings, edgeBoxOverlaps, layoutDiagram } from '../../src/layout/index.js';
import type { Diagram } from '../../src/model/diagram.js';
import { LAYOUT_FORMAT_VERSION } from '../../src/model/layout.js';
import { shopSchema } from '../graph/support/schema-builder.js';
import { expectValidLayout } from './support/layout-invariants.js';
import { randomDiagram } from './support/random-diagram.js';

describe('layoutDiagram', () => {
  it('lays out a small schema with every table, relation, row anchor and schema frame', async () => {
    const diagram = buildDiagram(shopSchema(), { views: true });
    const layout = await layoutDiagram(diagram);
    expect(layout.formatVersion).toBe(LAYOUT_FORMAT_VERSION);
    expectValidLayout(diagram, layout);
    expect(layout.frames.map((f) => f.schema)).toEqual(['audit', 'public']);
    // View dependencies attach to the header band.
    const view = layout.relations.find((r) => r.id === 'view:public.order_totals->public.orders');
    const viewBox = layout.tables.find((t) => t.id === 'public.order_totals');
    expect(view && viewBox && view.fromAnchor.y - viewBox.y).toBe(16);
  });

  it('keeps self-references and parallel keys as separate routes on their own rows', async () => {
    const diagram = buildDiagram(shopSchema(), { schemas: ['public'] });
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    const self = layout.relations.find((r) => r.id === 'public.customers.customers_referrer_fk');
    expect(self?.fromSide).toBe(self?.toSide);
    const billing = layout.relations.find((r) => r.id === 'public.orders.orders_billing_fk');
    const customer = layout.relations.find((r) => r.id === 'public.orders.orders_customer_fk');
    expect(billing && customer && billing.fromAnchor.y - customer.fromAnchor.y).toBe(22);
    expect(edgeBoxOverlaps(layout)).toBe(0);
  });

  it('is deterministic: the same diagram gives the same bytes', async () => {
    const diagram = randomDiagram({ tables: 40, seed: 3 });
    const first = JSON.stringify(await layoutDiagram(diagram));
    const second = JSON.stringify(await layoutDiagram(structuredClone(diagram)));
    expect(second).toBe(first);
  });

  it('handles a schema with hub tables: no overlaps, no route through a box, screen-shaped', async () => {
    // 120 tables, 40% of the keys to two hub tables: the spine layout.
    const diagram = randomDiagram({ tables: 120, relationsPerTable: 1.3, seed: 5, hubShare: 0.4 });
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(edgeBoxOverlaps(layout)).toBe(0);
    expect(aspectRatio(layout)).toBeGreaterThanOrEqual(0.5);
    expect(aspectRatio(layout)).toBeLessThanOrEqual(2.5);
  });

  it('frames several schemas without overlap and routes relations between them around the boxes', async () => {
    const diagram = randomDiagram({ tables: 60, schemas: 3, relationsPerTable: 1, seed: 11, hubShare: 0.1 });
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(layout.frames).toHaveLength(3);
    expect(edgeBoxOverlaps(layout)).toBe(0);
  });

  it('routes relations between frames out of their frames and around them, through no table', async () => {
    // Most relations cross frames here, and their ends lie deep inside large frames: the two- and
    // three-bend shapes pass through tables, and a search over the whole canvas would give up.
    const diagram = randomDiagram({ tables: 120, schemas: 3, relationsPerTable: 1.2, seed: 4, hubShare: 0.2 });
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    const schemaOf = new Map(diagram.tables.map((t) => [t.id, t.schema]));
    const between = layout.relations.filter((r) => schemaOf.get(r.from) !== schemaOf.get(r.to));
    expect(between.length).toBeGreaterThan(layout.relations.length / 2);
    expect(edgeBoxOverlaps(layout)).toBe(0);
    expect(JSON.stringify(await layoutDiagram(structuredClone(diagram)))).toBe(JSON.stringify(layout));
  });

  it('packs tables without relations into a grid, not a line', async () => {
    const diagram: Diagram = { ...randomDiagram({ tables: 30, seed: 2 }), relations: [] };
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(aspectRatio(layout)).toBeGreaterThan(0.8);
    expect(aspectRatio(layout)).toBeLessThan(2.5);
    const rows = new Set(layout.tables.map((t) => t.y));
    expect(rows.size).toBeGreaterThan(2);
  });

  it('lays out top-down with --direction down', async () => {
    const diagram = randomDiagram({ tables: 25, seed: 8, hubShare: 0 });
    const layout = await layoutDiagram(diagram, { direction: 'down' });
    expectValidLayout(diagram, layout);
    expect(JSON.stringify(layout)).not.toBe(JSON.stringify(await layoutDiagram(diagram, { direction: 'right' })));
  });

  it('draws a chain without crossings', async () => {
    const base = randomDiagram({ tables: 6, seed: 1 });
    const ids = base.tables.map((t) => t.id);
    const relations = ids.slice(1).map((id, i) => ({
      id: `${id}.fk`,
      kind: 'foreign_key' as const,
      from: id,
      to: ids[i] ?? id,
      fromColumns: ['c1'],
      toColumns: ['id'],
      fromEnd: 'zero_or_many' as const,
      toEnd: 'exactly_one' as const,
      fromRow: 1,
      toRow: 0,
    }));
    const diagram = { ...base, relations };
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(countStraightCrossings(layout)).toBe(0);
  });

  it('returns an empty canvas for an empty diagram', async () => {
    const layout = await layoutDiagram({ title: 'empty', schemas: [], tables: [], relations: [], droppedRelations: 0 });
    expect(layout.tables).toEqual([]);
    expect(layout.relations).toEqual([]);
    expect(layout.width).toBeGreaterThan(0);
  });

  it('rejects an unknown direction and relations to missing tables', async () => {
    const diagram = randomDiagram({ tables: 3, seed: 1 });
    await expect(layoutDiagram(diagram, { direction: 'up' as 'down' })).rejects.toThrow(SchemaToMiroError);
    const broken = { ...diagram, relations: [{ ...(diagram.relations[0] ?? ({} as never)), to: 'public.nowhere' }] };
    await expect(layoutDiagram(broken)).rejects.toThrow(/public\.nowhere|not in the diagram/);
  });
});
