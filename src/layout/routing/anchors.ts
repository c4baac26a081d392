/**
 * Where a relation meets a table box: on its left or right edge, at the middle of the relation's row
 * (or of the header when the row is hidden or the relation is a view dependency).
 */
import type { Box, Point, Side } from '../../model/layout.js';
import { headerCenterY, rowCenterY } from '../measure.js';

/** Distance from the box's top to the attach point of `row`. */
export function anchorY(row: number | null): number {
  return row === null ? headerCenterY() : rowCenterY(row);
}

export function anchorPoint(box: Box, side: Side, row: number | null): Point {
  return { x: side === 'right' ? box.x + box.width : box.x, y: box.y + anchorY(row) };
}
