import { describe, expect, it } from 'vitest';
import { connectedComponents } from '../../src/layout/placement/components.js';
import { frameRowOrder } from '../../src/layout/frames/frame-order.js';
import { findHubs } from '../../src/layout/placement/hubs.js';
import { OrthogonalRouter } from '../../src/layout/routing/router.js';
import { countPolylineBoxOverlaps } from '../../src/layout/metrics/metrics.js';
import { BetweenFramesRouter } from '../../src/layout/routing/frame-router.js';
import { SpatialIndex } from '../../src/layout/helpers/spatial-index.js';
import type { DiagramRelation } from '../../src/model/diagram.js';

function rel(from: string, to: string, n = 0): DiagramRelation {
  return { id: `${from}.fk${n}`, kind: 'foreign_key', from, to, fromColumns: ['x'], toColumns: ['id'], fromEnd: 'zero_or_many', toEnd: 'exactly_one', fromRow: 0, toRow: 0 };
}

describe('layout parts', () => {
  it('finds hubs: tables referenced by many relations and a large share of them', () => {
    const relations = [
      ...Array.from({ length: 30 }, (_, i) => rel(`t${i}`, 'org')),
      ...Array.from({ length: 10 }, (_, i) => rel(`t${i}`, 'users', 1)),
      rel('org', 'org', 2),
    ];
    expect(findHubs(relations)).toEqual(['org']);
    // Ten references are not enough for a hub, whatever their share.
    expect(findHubs(relations.slice(30))).toEqual([]);
  });

  it('splits tables into components, largest first, isolated tables alone', () => {
    expect(connectedComponents(['a', 'b', 'c', 'd', 'e'], [rel('c', 'd'), rel('e', 'c')])).toEqual([['c', 'd', 'e'], ['a'], ['b']]);
  });

  it('puts the schema most related to others in the middle of a row of frames', () => {
    const schemaOf = new Map([['a.t', 'a'], ['b.t', 'b'], ['c.t', 'c'], ['c.u', 'c']]);
    // c has 4 relations to other schemas, a and b 3 each.
    const relations = [rel('a.t', 'c.t'), rel('a.t', 'c.u', 3), rel('b.t', 'c.t'), rel('b.t', 'c.u', 1), rel('a.t', 'b.t', 2)];
    expect(frameRowOrder(['a', 'b', 'c'], relations, schemaOf)).toEqual([0, 2, 1]);
  });

  it('routes around a box that stands between the two ends', () => {
    const boxes = [
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 400, y: 0, width: 100, height: 100 },
      { x: 200, y: -100, width: 100, height: 300 },
    ];
    const router = new OrthogonalRouter(boxes);
    const points = router.route({ from: { x: 100, y: 50 }, fromSide: 'right', to: { x: 400, y: 50 }, toSide: 'left' });
    expect(points[0]).toEqual({ x: 100, y: 50 });
    expect(points[points.length - 1]).toEqual({ x: 400, y: 50 });
    expect(countPolylineBoxOverlaps([points], boxes)).toBe(0);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      expect(a && b && (a.x === b.x || a.y === b.y)).toBe(true);
    }
  });

  it('finds boxes near an area in insertion order, and answers whether any passes a test', () => {
    const index = new SpatialIndex<string>(100);
    index.insert({ x: 250, y: 0, width: 300, height: 50 }, 'wide');
    index.insert({ x: 0, y: 0, width: 50, height: 50 }, 'corner');
    index.insert({ x: -400, y: -400, width: 50, height: 50 }, 'far');
    expect(index.query({ x: 0, y: 0, width: 300, height: 10 })).toEqual(['wide', 'corner']);
    expect(index.some({ x: -390, y: -390, width: 10, height: 10 }, (item) => item === 'far')).toBe(true);
    expect(index.some({ x: 0, y: 0, width: 300, height: 10 }, (item) => item === 'far')).toBe(false);
  });

  it('routes between frames out of a walled-in table, around the other frame content, into the target', () => {
    // The source sits in a ring of tables with one gap at the bottom; the target is in another frame.
    const walls = [
      { x: 0, y: 0, width: 400, height: 60 },
      { x: 0, y: 60, width: 60, height: 280 },
      { x: 340, y: 60, width: 60, height: 280 },
      { x: 0, y: 340, width: 150, height: 60 },
      { x: 250, y: 340, width: 150, height: 60 },
    ];
    const source = { x: 120, y: 150, width: 100, height: 80 };
    const target = { x: 700, y: 500, width: 100, height: 80 };
    const blocker = { x: 560, y: 300, width: 80, height: 400 };
    const boxes = [...walls, source, target, blocker];
    const frames = [
      { x: 0, y: 0, width: 400, height: 400 },
      { x: 560, y: 300, width: 240, height: 400 },
    ];
    const router = new BetweenFramesRouter(new OrthogonalRouter(boxes), frames);
    const request = { from: { x: 220, y: 190 }, fromSide: 'right' as const, to: { x: 700, y: 540 }, toSide: 'left' as const };
    const points = router.route(request, frames[0] ?? source, frames[1] ?? target);
    expect(points[0]).toEqual(request.from);
    expect(points[points.length - 1]).toEqual(request.to);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      expect(a && b && (a.x === b.x || a.y === b.y)).toBe(true);
    }
    expect(countPolylineBoxOverlaps([points], boxes)).toBe(0);
    // It leaves the ring through its gap at the bottom.
    expect(points.some((p) => p.y > 400 && p.x > 150 && p.x < 250)).toBe(true);
  });
});
