/**
 * A uniform grid over boxes, so "which boxes might this segment touch" costs a few cells instead of a scan.
 */
import type { Box } from '../model/layout.js';

export class SpatialIndex<T> {
  private readonly cells = new Map<string, Array<{ box: Box; item: T; order: number }>>();
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
    const seen = new Map<number, T>();
    this.forCells(area, (key) => {
      for (const entry of this.cells.get(key) ?? []) {
        if (!seen.has(entry.order)) seen.set(entry.order, entry.item);
      }
    });
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  }

  private forCells(box: Box, visit: (key: string) => void): void {
    const x0 = Math.floor(box.x / this.cellSize);
    const x1 = Math.floor((box.x + box.width) / this.cellSize);
    const y0 = Math.floor(box.y / this.cellSize);
    const y1 = Math.floor((box.y + box.height) / this.cellSize);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) visit(`${cx},${cy}`);
    }
  }
}
