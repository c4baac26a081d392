/**
 * A uniform grid over boxes, so "which boxes might this segment touch" costs a few cells instead of a scan.
 * Cells are keyed by number, not string: the router asks this many thousands of times per layout.
 */
import type { Box } from '../../model/layout.js';

interface Entry<T> {
  box: Box;
  item: T;
  order: number;
}

/** Cell rows per column in the numeric key; cell coordinates stay far below it for any real canvas. */
const ROW_SPAN = 4_194_304;

export class SpatialIndex<T> {
  private readonly cells = new Map<number, Array<Entry<T>>>();
  private count = 0;

  constructor(private readonly cellSize: number) {}

  insert(box: Box, item: T): void {
    const entry = { box, item, order: this.count++ };
    this.forCells(box, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(entry);
      else this.cells.set(key, [entry]);
    });
  }

  /** Items whose box may meet `area`, each once, in insertion order (so callers stay deterministic). */
  query(area: Box): T[] {
    const found: Array<Entry<T>> = [];
    const seen = new Set<number>();
    this.forCells(area, (key) => {
      for (const entry of this.cells.get(key) ?? []) {
        if (!seen.has(entry.order)) {
          seen.add(entry.order);
          found.push(entry);
        }
      }
    });
    return found.sort((a, b) => a.order - b.order).map((entry) => entry.item);
  }

  /** True when `test` holds for an item whose box may meet `area` (order does not matter, so no sorting). */
  some(area: Box, test: (item: T) => boolean): boolean {
    const x0 = Math.floor(area.x / this.cellSize);
    const x1 = Math.floor((area.x + area.width) / this.cellSize);
    const y0 = Math.floor(area.y / this.cellSize);
    const y1 = Math.floor((area.y + area.height) / this.cellSize);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const list = this.cells.get(cx * ROW_SPAN + cy);
        if (!list) continue;
        for (const entry of list) if (test(entry.item)) return true;
      }
    }
    return false;
  }

  private forCells(box: Box, visit: (key: number) => void): void {
    const x0 = Math.floor(box.x / this.cellSize);
    const x1 = Math.floor((box.x + box.width) / this.cellSize);
    const y0 = Math.floor(box.y / this.cellSize);
    const y1 = Math.floor((box.y + box.height) / this.cellSize);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) visit(cx * ROW_SPAN + cy);
    }
  }
}
