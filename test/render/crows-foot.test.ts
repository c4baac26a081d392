import { describe, expect, it } from 'vitest';
import { arrivalDirection, endGlyph, inwardDirection } from '../../src/render/crows-foot.js';
import { routePathData } from '../../src/render/route-path.js';

const tip = { x: 100, y: 50 };
const rightwards = { x: 1, y: 0 };

describe("crow's-foot glyphs", () => {
  it('draws "zero or many" as three toes spreading onto the box edge from a heel behind it, and a circle beyond', () => {
    const glyph = endGlyph('zero_or_many', tip, rightwards);
    const points = glyph.lines.flat();
    const heel = glyph.lines[0]![1]!;
    expect(heel.x).toBeLessThan(tip.x);
    expect(heel.y).toBe(tip.y);
    // Toes land on the edge (x = tip.x), above, on and below the route.
    const toes = points.filter((p) => p.x === tip.x).map((p) => p.y).sort((a, b) => a - b);
    expect(new Set(toes).size).toBe(3);
    expect(toes[1]).toBe(tip.y);
    expect(glyph.circles).toHaveLength(1);
    expect(glyph.circles[0]!.center.x + glyph.circles[0]!.radius).toBeLessThan(heel.x);
  });

  it('draws "exactly one" as two bars across the route and "zero or one" as a bar and a circle further out', () => {
    const one = endGlyph('exactly_one', tip, rightwards);
    expect(one.lines).toHaveLength(2);
    const [a, b] = one.lines[0]!;
    expect(a!.x).toBe(b!.x);
    expect(a!.x).toBeLessThan(tip.x);
    expect(one.lines[1]![0]!.x).toBeLessThan(a!.x);
    expect(one.circles).toEqual([]);
    const zeroOrOne = endGlyph('zero_or_one', tip, rightwards);
    expect(zeroOrOne.lines).toEqual(one.lines.slice(0, 1));
    expect(zeroOrOne.circles).toHaveLength(1);
    expect(zeroOrOne.circles[0]!.center.x).toBeLessThan(a!.x);
    expect(endGlyph('none', tip, rightwards)).toEqual({ lines: [], circles: [] });
  });

  it('orients glyphs along the last route segment', () => {
    const down = endGlyph('exactly_one', tip, { x: 0, y: 1 });
    const [a, b] = down.lines[0]!;
    expect(a!.y).toBe(b!.y);
    expect(a!.y).toBeLessThan(tip.y);
    expect(arrivalDirection([{ x: 0, y: 0 }, { x: 0, y: 10 }, { x: 5, y: 10 }], rightwards)).toEqual({ x: 1, y: 0 });
    expect(arrivalDirection([{ x: 9, y: 10 }, { x: 5, y: 10 }, { x: 5, y: 10 }], rightwards)).toEqual({ x: -1, y: 0 });
    expect(arrivalDirection([{ x: 5, y: 5 }, { x: 5, y: 5 }], { x: 0, y: -1 })).toEqual({ x: 0, y: -1 });
  });

  it('knows which way is into the box from a relative attach point', () => {
    expect(inwardDirection({ x: 0, y: 0.4 })).toEqual({ x: 1, y: 0 });
    expect(inwardDirection({ x: 1, y: 0.4 })).toEqual({ x: -1, y: 0 });
    expect(inwardDirection({ x: 0.5, y: 0 })).toEqual({ x: 0, y: 1 });
    expect(inwardDirection({ x: 0.5, y: 1 })).toEqual({ x: 0, y: -1 });
  });
});

describe('route path', () => {
  it('rounds corners without overshooting short segments', () => {
    const d = routePathData([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 6 }, { x: 200, y: 6 }]);
    expect(d).toBe('M0 0 L97 0 Q100 0 100 3 L100 3 Q100 6 103 6 L200 6');
  });

  it('drops repeated points and keeps straight routes straight', () => {
    expect(routePathData([{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 50.123, y: 0 }])).toBe('M0 0 L50.12 0');
    expect(routePathData([])).toBe('');
  });
});
