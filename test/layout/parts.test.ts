import { describe, expect, it } from 'vitest';
import { connectedComponents } from '../../src/layout/components.js';
import { frameRowOrder } from '../../src/layout/frame-order.js';
import { findHubs } from '../../src/layout/hubs.js';
import { OrthogonalRouter } from '../../src/layout/router.js';
import { countPolylineBoxOverlaps } from '../../src/layout/metrics.js';
import type { DiagramRelation } from '../../src/model/diagram.js';

function rel(from: string, to: string, n = 0): DiagramRelation {
  return { id: `${from}.fk${n}`, kind: 'foreign_key', from, to, fromColumns: ['x'], toColumns: ['id'], fromEnd: 'many', toEnd: 'one', fromRow: 0, toRow: 0 };
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
});
