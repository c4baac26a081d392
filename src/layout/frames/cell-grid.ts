/**
 * Frames on a grid of screen-sized cells. Each frame takes the cells its size needs (one, for an area,
 * which is made to fit a screen) and is placed in the first free cells in reading order, so a frame's
 * place depends only on the frames before it and on how many cells each takes, not on their exact sizes:
 * a table added to one area leaves every other frame where it was.
 */
import type { Point } from '../../model/layout.js';
import { FRAME_GAP } from '../spacing.js';
import { MAX_FRAME } from './frames.js';

export const CELL = { width: MAX_FRAME.width + FRAME_GAP, height: MAX_FRAME.height + FRAME_GAP };

interface Size {
  width: number;
  height: number;
}

/** Top-left corners for `sizes`, placed in `order`, on a grid of cells about `targetAspect` wide. */
export function placeInCells(sizes: readonly Size[], order: readonly number[], targetAspect: number): Point[] {
  const spans = sizes.map((s) => ({ columns: Math.max(1, Math.ceil((s.width + FRAME_GAP) / CELL.width)), rows: Math.max(1, Math.ceil((s.height + FRAME_GAP) / CELL.height)) }));
  const cells = spans.reduce((sum, s) => sum + s.columns * s.rows, 0);
  const widest = Math.max(1, ...spans.map((s) => s.columns));
  const columns = Math.max(widest, Math.round(Math.sqrt((cells * targetAspect * CELL.height) / CELL.width)));
  const taken = new Set<number>();
  const free = (row: number, column: number, span: { columns: number; rows: number }): boolean => {
    if (column + span.columns > columns) return false;
    for (let r = row; r < row + span.rows; r++) for (let c = column; c < column + span.columns; c++) if (taken.has(r * columns + c)) return false;
    return true;
  };
  const positions: Point[] = sizes.map(() => ({ x: 0, y: 0 }));
  for (const i of order) {
    const span = spans[i];
    const size = sizes[i];
    if (!span || !size) continue;
    let placed = false;
    for (let row = 0; !placed; row++) {
      for (let column = 0; column < columns && !placed; column++) {
        if (!free(row, column, span)) continue;
        for (let r = row; r < row + span.rows; r++) for (let c = column; c < column + span.columns; c++) taken.add(r * columns + c);
        // Centred in its cells, so the gaps between neighbouring frames stay even.
        positions[i] = {
          x: column * CELL.width + Math.round((span.columns * CELL.width - FRAME_GAP - size.width) / 2),
          y: row * CELL.height + Math.round((span.rows * CELL.height - FRAME_GAP - size.height) / 2),
        };
        placed = true;
      }
    }
  }
  return positions;
}
