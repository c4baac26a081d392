/**
 * Packs rectangles (placed components, schema frames) into a compact, roughly screen-shaped area.
 *
 * A shelf packer: rectangles, tallest first, fill rows left to right up to a row width. Several row widths
 * are tried and the one whose result has the smallest area, weighted by how far its aspect ratio is from
 * the target, wins. Cheap (a few hundred rectangles at most) and deterministic.
 */
import type { Point } from '../../model/layout.js';

/** Width over height the packers aim at: a landscape screen. */
export const TARGET_ASPECT = 1.6;

export interface PackResult {
  positions: Point[];
  width: number;
  height: number;
}

interface Size {
  width: number;
  height: number;
}

export function packRectangles(items: readonly Size[], gap: number, targetAspect = TARGET_ASPECT): PackResult {
  if (items.length === 0) return { positions: [], width: 0, height: 0 };
  const order = items.map((_, i) => i).sort((a, b) => (items[b]?.height ?? 0) - (items[a]?.height ?? 0) || a - b);
  const widest = Math.max(...items.map((s) => s.width));
  const area = items.reduce((sum, s) => sum + (s.width + gap) * (s.height + gap), 0);
  const ideal = Math.sqrt(area * targetAspect);
  const candidates = new Set<number>([widest]);
  for (let f = 0.5; f <= 3.0001; f += 0.125) candidates.add(Math.max(widest, Math.round(ideal * f)));
  let best: (PackResult & { score: number }) | null = null;
  for (const rowWidth of [...candidates].sort((a, b) => a - b)) {
    const result = shelves(items, order, rowWidth, gap);
    const score = result.width * result.height * aspectPenalty(result.width / Math.max(1, result.height), targetAspect);
    if (best === null || score < best.score - 1e-6) best = { ...result, score };
  }
  return best ? { positions: best.positions, width: best.width, height: best.height } : { positions: [], width: 0, height: 0 };
}

function shelves(items: readonly Size[], order: readonly number[], rowWidth: number, gap: number): PackResult {
  const positions: Point[] = items.map(() => ({ x: 0, y: 0 }));
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  let width = 0;
  for (const i of order) {
    const item = items[i];
    if (!item) continue;
    if (x > 0 && x + item.width > rowWidth) {
      y += shelfHeight + gap;
      x = 0;
      shelfHeight = 0;
    }
    positions[i] = { x, y };
    x += item.width + gap;
    width = Math.max(width, x - gap);
    shelfHeight = Math.max(shelfHeight, item.height);
  }
  return { positions, width, height: y + shelfHeight };
}

/** 1 at the target ratio, growing with the log-distance from it, steeply outside the 1:2 .. 5:2 band. */
function aspectPenalty(aspect: number, target: number): number {
  const distance = Math.abs(Math.log(aspect / target));
  const outside = aspect < 0.5 || aspect > 2.5 ? 4 : 0;
  return 1 + distance + outside;
}

/**
 * Cells of equal-column grid for `count` items of the given sizes, row-major in input order, with the column
 * count chosen for the target aspect. Used for tables that have no relations, so they read like an index.
 */
export function gridPositions(items: readonly Size[], gap: number, targetAspect = TARGET_ASPECT): PackResult {
  if (items.length === 0) return { positions: [], width: 0, height: 0 };
  let best: (PackResult & { score: number }) | null = null;
  for (let columns = 1; columns <= items.length; columns++) {
    const result = grid(items, columns, gap);
    const score = result.width * result.height * aspectPenalty(result.width / Math.max(1, result.height), targetAspect);
    if (best === null || score < best.score - 1e-6) best = { ...result, score };
    if (result.width > 4 * Math.max(result.height, 1) * targetAspect) break;
  }
  return best ? { positions: best.positions, width: best.width, height: best.height } : { positions: [], width: 0, height: 0 };
}

function grid(items: readonly Size[], columns: number, gap: number): PackResult {
  const columnWidths: number[] = new Array<number>(columns).fill(0);
  const rowHeights: number[] = new Array<number>(Math.ceil(items.length / columns)).fill(0);
  items.forEach((item, i) => {
    const c = i % columns;
    const r = Math.floor(i / columns);
    columnWidths[c] = Math.max(columnWidths[c] ?? 0, item.width);
    rowHeights[r] = Math.max(rowHeights[r] ?? 0, item.height);
  });
  const xs: number[] = [];
  let x = 0;
  for (const w of columnWidths) {
    xs.push(x);
    x += w + gap;
  }
  const ys: number[] = [];
  let y = 0;
  for (const h of rowHeights) {
    ys.push(y);
    y += h + gap;
  }
  const positions = items.map((_, i) => ({ x: xs[i % columns] ?? 0, y: ys[Math.floor(i / columns)] ?? 0 }));
  return { positions, width: Math.max(0, x - gap), height: Math.max(0, y - gap) };
}
