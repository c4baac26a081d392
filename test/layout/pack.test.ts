import { describe, expect, it } from 'vitest';
import { countBoxOverlaps } from '../../src/layout/metrics/metrics.js';
import { gridPositions, packRectangles } from '../../src/layout/frames/pack.js';

function sizes(count: number): Array<{ width: number; height: number }> {
  return Array.from({ length: count }, (_, i) => ({ width: 160 + ((i * 37) % 200), height: 80 + ((i * 53) % 300) }));
}

describe('packing', () => {
  it('shelf-packs rectangles without overlap into a screen-shaped area', () => {
    const items = sizes(40);
    const packed = packRectangles(items, 40);
    const boxes = items.map((s, i) => ({ ...s, ...(packed.positions[i] ?? { x: 0, y: 0 }) }));
    expect(countBoxOverlaps(boxes)).toBe(0);
    for (const b of boxes) expect(b.x + b.width <= packed.width && b.y + b.height <= packed.height).toBe(true);
    const aspect = packed.width / packed.height;
    expect(aspect).toBeGreaterThan(1);
    expect(aspect).toBeLessThan(2.5);
    // Reasonably dense: the boxes fill at least half of the area.
    const filled = items.reduce((sum, s) => sum + s.width * s.height, 0);
    expect(filled / (packed.width * packed.height)).toBeGreaterThan(0.5);
  });

  it('puts unrelated tables in a row-major grid', () => {
    const items = sizes(12);
    const grid = gridPositions(items, 40);
    const boxes = items.map((s, i) => ({ ...s, ...(grid.positions[i] ?? { x: 0, y: 0 }) }));
    expect(countBoxOverlaps(boxes)).toBe(0);
    expect(new Set(boxes.map((b) => b.y)).size).toBeGreaterThan(1);
    expect(grid.positions[0]).toEqual({ x: 0, y: 0 });
    expect(grid.positions[1]?.y).toBe(0);
  });

  it('returns an empty packing for nothing', () => {
    expect(packRectangles([], 10)).toEqual({ positions: [], width: 0, height: 0 });
  });
});
