/**
 * Layout of real public schemas from ../shared/schemas, loaded through the project's own source and
 * introspection stages. Skipped, with a message, when ../shared is not beside the project.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDiagram } from '../../src/graph/index.js';
import { introspect } from '../../src/introspect/index.js';
import { aspectRatio, boardMetrics, countRouteCrossings, countStraightCrossings, edgeBoxOverlaps, layoutDiagram } from '../../src/layout/index.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { openSource } from '../../src/source/index.js';
import { expectValidLayout } from './support/layout-invariants.js';

const schemas = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'schemas');
const available = existsSync(join(schemas, 'pagila.sql'));
if (!available) console.warn(`skipping real-schema layout tests: ${schemas} not found`);

async function load(name: string): Promise<DatabaseSchema> {
  const source = await openSource({ kind: 'sql', paths: [join(schemas, `${name}.sql`)] });
  try {
    return await introspect(source, { views: true });
  } finally {
    await source.close();
  }
}

describe.skipIf(!available)('layout of real schemas', () => {
  it('lays out pagila (views included) validly, deterministically, with no route through a box', async () => {
    const schema = await load('pagila');
    for (const views of [false, true]) {
      const diagram = buildDiagram(schema, { views });
      const layout = await layoutDiagram(diagram);
      expectValidLayout(diagram, layout);
      expect(edgeBoxOverlaps(layout)).toBe(0);
      expect(aspectRatio(layout)).toBeGreaterThanOrEqual(0.5);
      expect(aspectRatio(layout)).toBeLessThanOrEqual(2.5);
      expect(JSON.stringify(await layoutDiagram(diagram))).toBe(JSON.stringify(layout));
    }
    // Graphviz dot draws pagila's 21 relations with 5 straight-line crossings (npm run bench:layout).
    const plain = await layoutDiagram(buildDiagram(schema));
    expect(countStraightCrossings(plain)).toBeLessThan(5);
    // ...and 11 on its routes.
    expect(countRouteCrossings(plain)).toBeLessThan(11);
  });

  it('draws chinook without a single crossing (Graphviz dot: 1 on its routes, 2 on straight lines)', async () => {
    const diagram = buildDiagram(await load('chinook'));
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(countRouteCrossings(layout)).toBe(0);
    expect(countStraightCrossings(layout)).toBe(0);
    expect(edgeBoxOverlaps(layout)).toBe(0);
    expect(aspectRatio(layout)).toBeGreaterThanOrEqual(0.5);
    expect(aspectRatio(layout)).toBeLessThanOrEqual(2.5);
  });

  it('draws lago-api in subject areas: screen-sized frames, short connectors, fewer crossings than Graphviz dot (8,370 on routes, 2,742 straight)', async () => {
    const diagram = buildDiagram(await load('lago-api'), { views: false });
    // 137 tables in one schema: split into subject areas, organizations (117 references) a hub.
    expect(diagram.areas?.length).toBeGreaterThan(5);
    expect(diagram.hubs).toContain('public.organizations');
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(aspectRatio(layout)).toBeGreaterThanOrEqual(0.5);
    expect(aspectRatio(layout)).toBeLessThanOrEqual(2.5);
    expect(countRouteCrossings(layout)).toBeLessThan(8370);
    expect(countStraightCrossings(layout)).toBeLessThan(2742);
    // As Miro draws it: before subject areas, 98 ends at one point, p90 9,147 units, 167 of 339 connectors
    // through a table that is neither end; before the area repair, 33 (npm run bench:layout). Now none.
    const board = boardMetrics(layout);
    expect(board.maxEndsPerPoint).toBeLessThanOrEqual(4);
    expect(board.p90Length).toBeLessThanOrEqual(2500);
    expect(board.throughTables).toBe(0);
    // Organizations is drawn once; other areas point at it with reference boxes.
    const organizations = (layout.references ?? []).filter((r) => r.table === 'public.organizations');
    expect(organizations.length).toBeGreaterThan(3);
    expect(layout.tables.filter((t) => t.id === 'public.organizations')).toHaveLength(1);
  });

  it('lays out chinook with a focus and key columns only', async () => {
    const schema = await load('chinook');
    const diagram = buildDiagram(schema, { focus: 'track', depth: 1, columns: 'keys' });
    expect(diagram.tables.map((t) => t.name)).toEqual(['album', 'genre', 'invoice_line', 'media_type', 'playlist_track', 'track']);
    const layout = await layoutDiagram(diagram);
    expectValidLayout(diagram, layout);
    expect(edgeBoxOverlaps(layout)).toBe(0);
  });
});
