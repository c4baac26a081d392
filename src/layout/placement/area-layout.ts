/**
 * The layout of one subject area: a handful of tables (and reference boxes) that must fit one screen and
 * read well as Miro draws connectors, elbowed between attach points through whatever lies in between.
 *
 * Columns: the area's spine (its hub, reference boxes and root tables) in the middle; every other table in
 * the column next to the table it relates to nearest the spine, alternating left and right, so nearly every
 * relation joins tables in the same or neighbouring columns and its elbow runs in the gap between them,
 * through no table. Inside a column, tables follow the heights of their neighbours nearer the spine (fewer
 * crossings). A column taller than a screen wraps outwards. No ELK run: an area is small, and a board of
 * 1,000 tables has a hundred of them.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import { MAX_FRAME_CONTENT } from '../frames/frames.js';
import { AREA_COLUMN_GAP, AREA_COLUMN_GAP_TIGHT, AREA_ROW_GAP } from '../spacing.js';
import type { Placement, TableSize } from '../types.js';
import { emptyPlacement } from '../types.js';
import { clearConnectors } from './area-repair.js';
import type { ReferenceSpec } from './reference-boxes.js';
import type { SideChoice } from '../routing/side-flips.js';

/** A table referenced by this many of the area's tables stands on its spine. */
const SPINE_MIN_REFERENCES = 3;
const COLUMN_SWEEPS = 4;
/** Height over a screen's worth in a column that costs as much as one stretched relation. */
const OVERFLOW_UNIT = 300;
/** Columns on each side of the spine, tried in this order. */
const SIDE_COLUMN_CHOICES = [2, 1, 3];
/** The content of the largest frame that fits a screen; its height is the tallest column. */
const MAX_CONTENT = MAX_FRAME_CONTENT;
const MAX_COLUMN_HEIGHT = MAX_CONTENT.height;

/**
 * Two columns a side fit most areas; an area of a few wide tables fits better with one (and wraps), one of
 * many narrow ones with three: the shape that needs the least zoom to fit a screen wins.
 */
export function layoutArea(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  spineFirst: readonly string[],
  references: readonly ReferenceSpec[] = [],
  rowCount: (id: string) => number = () => 1,
): AreaLayout {
  const sizes = new Map(tables.map((t) => [t.id, t]));
  let best: { columns: string[][]; gap: number; zoom: number } | null = null;
  // The usual gap first; the tight one only when no shape fits a screen with the usual one.
  search: for (const gap of [AREA_COLUMN_GAP, AREA_COLUMN_GAP_TIGHT]) {
    for (const sideColumns of SIDE_COLUMN_CHOICES) {
      const columns = columnsAroundSpine(tables, relations, spineFirst, sideColumns, gap);
      const placement = placeColumns(columns, sizes, gap);
      const zoom = Math.min(MAX_CONTENT.width / Math.max(1, placement.width), MAX_CONTENT.height / Math.max(1, placement.height));
      if (best === null || zoom > best.zoom + 1e-9) best = { columns, gap, zoom };
      if (zoom >= 1) break search;
    }
  }
  const chosen = best as { columns: string[][]; gap: number };
  const place = (columns: readonly string[][], placed: ReadonlyMap<string, TableSize>): Placement => placeColumns(columns, placed, chosen.gap);
  const cleared = clearConnectors({ columns: chosen.columns, limit: MAX_CONTENT, place }, sizes, relations, references, rowCount);
  for (const [id, size] of cleared.sizes) sizes.set(id, size);
  return { placement: place(cleared.columns, sizes), references: cleared.references, retarget: cleared.retarget, pins: cleared.pins };
}

export interface AreaLayout {
  placement: Placement;
  /** The area's reference boxes as drawn: resized for their ends, with the copies made for far tables. */
  references: ReferenceSpec[];
  /** Relation id -> the reference box it ends at, where that is not the one it was given. */
  retarget: Map<string, string>;
  /** Relation id -> the sides it must be drawn with (routing/elbow-routes.ts). */
  pins: Map<string, SideChoice>;
}

function columnsAroundSpine(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  spineFirst: readonly string[],
  maxSideColumns: number,
  gap: number,
): string[][] {
  const sizes = new Map(tables.map((t) => [t.id, t]));
  const ids = tables.map((t) => t.id).sort(compare);
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  const incoming = new Map<string, number>();
  for (const r of relations) {
    if (r.from === r.to || !sizes.has(r.from) || !sizes.has(r.to)) continue;
    neighbours.get(r.from)?.push(r.to);
    neighbours.get(r.to)?.push(r.from);
    incoming.set(r.to, (incoming.get(r.to) ?? 0) + 1);
  }
  const degree = (id: string): number => neighbours.get(id)?.length ?? 0;
  // A reference box or hub that only one table of the area references stands beside that table instead.
  const spineSet = new Set([
    ...spineFirst.filter((id) => sizes.has(id) && (incoming.get(id) ?? 0) >= 2),
    ...ids.filter((id) => (incoming.get(id) ?? 0) >= SPINE_MIN_REFERENCES),
  ]);
  if (spineSet.size === 0 && ids.length > 0) spineSet.add([...ids].sort((a, b) => degree(b) - degree(a) || compare(a, b))[0] as string);
  const spine = [...spineSet].sort((a, b) => (incoming.get(b) ?? 0) - (incoming.get(a) ?? 0) || compare(a, b));

  // Columns by distance from the spine. A table next to the spine goes to the side its placed neighbours
  // are on (so its other relations do not cross the spine), else to the lighter side; a table further out
  // to the side of the table that reached it.
  const column = new Map<string, number>(spine.map((id) => [id, 0]));
  const load: Record<number, number> = { [-1]: 0, [1]: 0 };
  const place = (id: string, c: number): void => {
    column.set(id, c);
    load[Math.sign(c)] = (load[Math.sign(c)] ?? 0) + (sizes.get(id)?.height ?? 0) + AREA_ROW_GAP;
  };
  const sideFor = (id: string): number => {
    let pull = 0;
    for (const n of neighbours.get(id) ?? []) pull += Math.sign(column.get(n) ?? 0);
    return pull !== 0 ? Math.sign(pull) : (load[-1] ?? 0) <= (load[1] ?? 0) ? -1 : 1;
  };
  let frontier = [...spine];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of [...(neighbours.get(id) ?? [])].sort(compare)) {
        if (column.has(other)) continue;
        const here = column.get(id) ?? 0;
        // Beyond the last column a side, the deeper tables share the outer column.
        place(other, here === 0 ? sideFor(other) : Math.sign(here) * Math.min(maxSideColumns, Math.abs(here) + 1));
        next.push(other);
      }
    }
    frontier = next;
  }
  // Tables not related to anything in the area: on the lighter side.
  for (const id of ids) if (!column.has(id)) place(id, sideFor(id));
  improveColumns(column, ids.filter((id) => !spineSet.has(id)), neighbours, sizes, maxSideColumns);

  return narrowColumns(wrapColumns(orderColumns(column, neighbours, sizes), sizes), sizes, gap);
}

/**
 * Moves tables between columns while that shortens relations: a relation between columns two or more
 * apart (or across the spine) is drawn by Miro through the columns between, so each column of distance
 * beyond one costs; a column taller than a screen costs more. A few sweeps of single moves.
 */
function improveColumns(
  column: Map<string, number>,
  movable: readonly string[],
  neighbours: ReadonlyMap<string, string[]>,
  sizes: ReadonlyMap<string, TableSize>,
  maxSideColumns: number,
): void {
  const heights = new Map<number, number>();
  for (const [id, c] of column) heights.set(c, (heights.get(c) ?? 0) + (sizes.get(id)?.height ?? 0) + AREA_ROW_GAP);
  const overflow = (c: number, extra: number): number => Math.max(0, (heights.get(c) ?? 0) + extra - MAX_COLUMN_HEIGHT);
  const stretch = (id: string, c: number): number =>
    (neighbours.get(id) ?? []).reduce((sum, n) => sum + Math.max(0, Math.abs(c - (column.get(n) ?? 0)) - 1), 0);
  const choices: number[] = [];
  for (let k = 1; k <= maxSideColumns; k++) choices.push(-k, k);
  for (let sweep = 0; sweep < COLUMN_SWEEPS; sweep++) {
    let moved = false;
    for (const id of movable) {
      const now = column.get(id) ?? 0;
      const h = (sizes.get(id)?.height ?? 0) + AREA_ROW_GAP;
      // What the table costs where it is, or would cost in column c: its stretched relations, and the
      // overflow its height adds to the column.
      const cost = (c: number): number =>
        stretch(id, c) + (c === now ? overflow(now, 0) - overflow(now, -h) : overflow(c, h) - overflow(c, 0)) / OVERFLOW_UNIT;
      let best = now;
      let bestCost = cost(now);
      for (const c of choices) {
        if (c === now) continue;
        const candidate = cost(c);
        if (candidate < bestCost - 1e-9) {
          best = c;
          bestCost = candidate;
        }
      }
      if (best !== now) {
        column.set(id, best);
        heights.set(now, (heights.get(now) ?? 0) - h);
        heights.set(best, (heights.get(best) ?? 0) + h);
        moved = true;
      }
    }
    if (!moved) break;
  }
}

/** Tables of each column, top to bottom: the spine by importance, the others by their neighbours' order. */
function orderColumns(column: ReadonlyMap<string, number>, neighbours: ReadonlyMap<string, string[]>, sizes: ReadonlyMap<string, TableSize>): Map<number, string[]> {
  const byColumn = new Map<number, string[]>();
  for (const [id, c] of column) byColumn.set(c, [...(byColumn.get(c) ?? []), id]);
  const rank = new Map<string, number>();
  const spine = byColumn.get(0) ?? [];
  spine.forEach((id, i) => rank.set(id, i));
  const keys = [...byColumn.keys()].filter((c) => c !== 0);
  for (const side of [-1, 1]) {
    for (const c of keys.filter((k) => Math.sign(k) === side).sort((a, b) => Math.abs(a) - Math.abs(b))) {
      const members = byColumn.get(c) ?? [];
      const centre = (id: string): number => {
        const inner = (neighbours.get(id) ?? []).filter((n) => Math.abs(column.get(n) ?? 0) < Math.abs(c) && rank.has(n));
        return inner.length === 0 ? Infinity : inner.reduce((sum, n) => sum + (rank.get(n) ?? 0), 0) / inner.length;
      };
      members.sort((a, b) => centre(a) - centre(b) || (sizes.get(b)?.height ?? 0) - (sizes.get(a)?.height ?? 0) || compare(a, b));
      members.forEach((id, i) => rank.set(id, i / Math.max(1, members.length - 1) * Math.max(1, spine.length - 1)));
      byColumn.set(c, members);
    }
  }
  return byColumn;
}

/** Splits columns taller than a screen, outwards: the part nearest the spine's middle stays. */
function wrapColumns(byColumn: ReadonlyMap<number, string[]>, sizes: ReadonlyMap<string, TableSize>): string[][] {
  const left: string[][] = [];
  const right: string[][] = [];
  const split = (members: readonly string[]): string[][] => {
    const out: string[][] = [[]];
    let height = 0;
    for (const id of members) {
      const h = sizes.get(id)?.height ?? 0;
      const current = out[out.length - 1] as string[];
      if (current.length > 0 && height + h > MAX_COLUMN_HEIGHT) {
        out.push([id]);
        height = h + AREA_ROW_GAP;
      } else {
        current.push(id);
        height += h + AREA_ROW_GAP;
      }
    }
    return out;
  };
  const keys = [...byColumn.keys()].sort((a, b) => a - b);
  const centre: string[][] = [];
  for (const c of keys) {
    const parts = split(byColumn.get(c) ?? []);
    if (c < 0) left.unshift(...parts);
    else if (c > 0) right.push(...parts);
    else centre.push(...parts);
  }
  // Spine parts beyond the first go out to the sides, alternating, so the spine stays in the middle.
  const [mainSpine = [], ...extraSpine] = centre;
  extraSpine.forEach((part, i) => (i % 2 === 0 ? left.unshift(part) : right.unshift(part)));
  // `left` holds the innermost column first; drawn left to right, the outermost comes first.
  return [...[...left].reverse(), mainSpine, ...right].filter((c) => c.length > 0);
}

/**
 * While the columns are wider than a screen, the two neighbouring columns that are shortest together (and
 * still fit a screen's height) become one: their relations then run along the column's side instead.
 */
function narrowColumns(columns: string[][], sizes: ReadonlyMap<string, TableSize>, gap: number): string[][] {
  const height = (c: readonly string[]): number => c.reduce((sum, id) => sum + (sizes.get(id)?.height ?? 0) + AREA_ROW_GAP, -AREA_ROW_GAP);
  const width = (cs: readonly string[][]): number =>
    cs.reduce((sum, c) => sum + Math.max(0, ...c.map((id) => sizes.get(id)?.width ?? 0)) + gap, -gap);
  const out = columns.map((c) => [...c]);
  while (out.length > 1 && width(out) > MAX_CONTENT.width) {
    let best = -1;
    for (let i = 0; i + 1 < out.length; i++) {
      const h = height(out[i] as string[]) + AREA_ROW_GAP + height(out[i + 1] as string[]);
      if (h <= MAX_COLUMN_HEIGHT && (best < 0 || h < height(out[best] as string[]) + AREA_ROW_GAP + height(out[best + 1] as string[]))) best = i;
    }
    if (best < 0) break;
    out.splice(best, 2, [...(out[best] as string[]), ...(out[best + 1] as string[])]);
  }
  return out;
}

function placeColumns(columns: readonly string[][], sizes: ReadonlyMap<string, TableSize>, gap: number): Placement {
  const placement = emptyPlacement();
  const heights = columns.map((c) => c.reduce((sum, id) => sum + (sizes.get(id)?.height ?? 0), 0) + AREA_ROW_GAP * Math.max(0, c.length - 1));
  const height = Math.max(0, ...heights);
  let x = 0;
  columns.forEach((members, i) => {
    const width = Math.max(0, ...members.map((id) => sizes.get(id)?.width ?? 0));
    let y = Math.round((height - (heights[i] ?? 0)) / 2);
    for (const id of members) {
      const size = sizes.get(id);
      if (!size) continue;
      // Centred in the column: elbows to either neighbour column leave from equally near the gap.
      placement.boxes.set(id, { x: x + Math.round((width - size.width) / 2), y, width: size.width, height: size.height });
      y += size.height + AREA_ROW_GAP;
    }
    x += width + gap;
  });
  return { ...placement, width: Math.max(0, x - gap), height };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
