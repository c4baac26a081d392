/**
 * Where a relation meets a table box: on its left or right edge, at the middle of the relation's row
 * (or of the header when the row is hidden or the relation is a view dependency); on its top or bottom
 * edge (a referenced end only, see spread-ends.ts), at the middle.
 */
import type { Box, Point, Side } from '../../model/layout.js';
import { headerCenterY, rowCenterY } from '../measure.js';

/** Distance from the box's top to the attach point of `row`. */
export function anchorY(row: number | null): number {
  return row === null ? headerCenterY() : rowCenterY(row);
}

export function anchorPoint(box: Box, side: Side, row: number | null): Point {
  if (side === 'top' || side === 'bottom') return { x: box.x + box.width / 2, y: side === 'top' ? box.y : box.y + box.height };
  return { x: side === 'right' ? box.x + box.width : box.x, y: box.y + anchorY(row) };
}
