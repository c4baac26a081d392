import { describe, expect, it } from 'vitest';
import {
  aspectRatio,
  countBoxOverlaps,
  countCrossings,
  countPolylineBoxOverlaps,
  countRouteCrossings,
  countStraightCrossings,
  edgeBoxOverlaps,
} from '../../src/layout/index.js';
import type { Layout, RelationRoute } from '../../src/model/layout.js';

function relation(id: string, points: Array<[number, number]>): RelationRoute {
  const pts = points.map(([x, y]) => ({ x, y }));
  const first = pts[0] ?? { x: 0, y: 0 };
  const last = pts[pts.length - 1] ?? first;
  return { id, from: 'a', to: 'b', fromAnchor: first, fromSide: 'right', toAnchor: last, toSide: 'left', points: pts };
}

describe('metrics', () => {
  it('counts proper crossings between different polylines, not touching ends or shared anchors', () => {
    const cross = [
      [{ x: 0, y: 0 }, { x: 10, y: 10 }],
      [{ x: 0, y: 10 }, { x: 10, y: 0 }],
    ];
    expect(countCrossings(cross)).toBe(1);
    // A fan from one anchor never crosses itself.
    expect(countCrossings([[{ x: 0, y: 0 }, { x: 10, y: 0 }], [{ x: 0, y: 0 }, { x: 10, y: 10 }]])).toBe(0);
    // T-junction: one ends on the other.
    expect(countCrossings([[{ x: 0, y: 0 }, { x: 10, y: 0 }], [{ x: 5, y: 0 }, { x: 5, y: 10 }]])).toBe(0);
    // A route crossing another twice counts twice; a polyline never crosses itself in this count.
    const zigzag = [{ x: 0, y: 5 }, { x: 10, y: 5 }, { x: 10, y: -5 }, { x: 20, y: -5 }, { x: 20, y: 5 }];
    expect(countCrossings([zigzag, [{ x: -1, y: 0 }, { x: 30, y: 0 }]])).toBe(2);
  });

  it('counts crossings on routes and on straight lines between anchors separately', () => {
    // Two routes that go around each other without crossing, whose straight lines do cross.
    const layout: Pick<Layout, 'relations'> = {
      relations: [
        relation('r1', [[0, 0], [5, 0], [5, 20], [10, 20]]),
        relation('r2', [[0, 10], [3, 10], [3, 30], [10, 30], [10, 25], [20, 25], [20, 0]]),
      ],
    };
    expect(countStraightCrossings(layout)).toBe(1);
    expect(countRouteCrossings(layout)).toBe(0);
  });

  it('counts edges through box interiors, not along their borders', () => {
    const boxes = [{ x: 10, y: 10, width: 20, height: 20 }];
    expect(countPolylineBoxOverlaps([[{ x: 0, y: 20 }, { x: 40, y: 20 }]], boxes)).toBe(1);
    expect(countPolylineBoxOverlaps([[{ x: 0, y: 10 }, { x: 40, y: 10 }]], boxes)).toBe(0);
    expect(countPolylineBoxOverlaps([[{ x: 30, y: 20 }, { x: 40, y: 20 }]], boxes)).toBe(0);
    const layout = { tables: [{ id: 't', ...boxes[0]! }], relations: [relation('r', [[0, 15], [50, 15]])] };
    expect(edgeBoxOverlaps(layout)).toBe(1);
  });

  it('counts overlapping boxes and measures the aspect ratio', () => {
    expect(countBoxOverlaps([{ x: 0, y: 0, width: 10, height: 10 }, { x: 9, y: 9, width: 10, height: 10 }, { x: 10, y: 0, width: 5, height: 5 }])).toBe(1);
    expect(countBoxOverlaps([{ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 }])).toBe(0);
    expect(aspectRatio({ width: 300, height: 200 })).toBe(1.5);
  });
});
