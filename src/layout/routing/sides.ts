/**
 * Which side of each box a relation attaches to, chosen from the final positions: the facing sides when
 * the boxes stand apart horizontally, else the same side on both (the route then runs around that side).
 */
import type { Box, Side } from '../../model/layout.js';
import { STUB } from './router.js';

export function chooseSides(from: Box, to: Box, selfReference: boolean): { fromSide: Side; toSide: Side } {
  if (selfReference) return { fromSide: 'right', toSide: 'right' };
  const gap = 2 * STUB;
  if (from.x + from.width + gap <= to.x) return { fromSide: 'right', toSide: 'left' };
  if (to.x + to.width + gap <= from.x) return { fromSide: 'left', toSide: 'right' };
  // Stacked boxes: go round the side where the two edges are closer, so the detour is shortest.
  const rightSpread = Math.abs(from.x + from.width - (to.x + to.width));
  const leftSpread = Math.abs(from.x - to.x);
  const side: Side = rightSpread <= leftSpread ? 'right' : 'left';
  return { fromSide: side, toSide: side };
}
