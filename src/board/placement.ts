/**
 * Where a new item goes on a board that already has things on it: at the place the layout chose when that
 * place is free, else at the free place nearest to it. Pure and deterministic.
 */
import type { Box } from '../model/layout.js';

/** Clear space kept between a new item and anything already on the board. */
export const PLACEMENT_GAP = 40;
/** Side of the grid cells that index occupied boxes, so overlap tests look at neighbours only. */
const CELL = 512;

/** The boxes on a board, indexed for overlap tests; new boxes are added as they are placed. */
export class OccupiedSpace {
  readonly #boxes: Box[] = [];
  readonly #cells = new Map<string, number[]>();

  constructor(boxes: Iterable<Box> = []) {
    for (const box of boxes) this.add(box);
  }

  add(box: Box): void {
    if (!(box.width > 0 && box.height > 0)) return; // connectors and empty items take no room
    const index = this.#boxes.push(box) - 1;
    for (const key of cellKeys(box)) {
      const list = this.#cells.get(key);
      if (list) list.push(index);
      else this.#cells.set(key, [index]);
    }
  }

  /** True when `box`, grown by `gap` on every side, touches no occupied box and none of `extra`. */
  isFree(box: Box, gap = PLACEMENT_GAP, extra: readonly Box[] = []): boolean {
    const grown = { x: box.x - gap, y: box.y - gap, width: box.width + 2 * gap, height: box.height + 2 * gap };
    if (extra.some((other) => overlaps(grown, other))) return false;
    const checked = new Set<number>();
    for (const key of cellKeys(grown)) {
      for (const index of this.#cells.get(key) ?? []) {
        if (checked.has(index)) continue;
        checked.add(index);
        if (overlaps(grown, this.#boxes[index]!)) return false;
      }
    }
    return true;
  }

  get boxes(): readonly Box[] {
    return this.#boxes;
  }
}

/**
 * `wanted` itself when it is free, else the free box of the same size nearest to it. Candidates sit flush
 * (plus the gap) right of or below an occupied box; right of the rightmost box is always free, so the
 * search always ends.
 */
export function findFreeBox(wanted: Box, space: OccupiedSpace, extra: readonly Box[] = [], gap = PLACEMENT_GAP): Box {
  if (space.isFree(wanted, gap, extra)) return wanted;
  const candidates: Box[] = [];
  const at = (x: number, y: number): Box => ({ x, y, width: wanted.width, height: wanted.height });
  const obstacles = [...space.boxes, ...extra];
  for (const o of obstacles) {
    const right = o.x + o.width + gap;
    const below = o.y + o.height + gap;
    candidates.push(at(right, wanted.y), at(wanted.x, below), at(right, o.y), at(o.x, below));
  }
  const distance = (b: Box): number => Math.hypot(b.x - wanted.x, b.y - wanted.y);
  candidates.sort((a, b) => distance(a) - distance(b) || a.x - b.x || a.y - b.y);
  for (const candidate of candidates) {
    if (space.isFree(candidate, gap, extra)) return candidate;
  }
  // Unreachable in practice (see above); still a valid answer: right of everything.
  const rightmost = Math.max(...obstacles.map((b) => b.x + b.width));
  return at(rightmost + gap, wanted.y);
}

/** True when `inner` lies within `outer`. */
export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function* cellKeys(box: Box): Generator<string> {
  const x0 = Math.floor(box.x / CELL);
  const x1 = Math.floor((box.x + box.width) / CELL);
  const y0 = Math.floor(box.y / CELL);
  const y1 = Math.floor((box.y + box.height) / CELL);
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`;
}
