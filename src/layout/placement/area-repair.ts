/**
 * Clears the connectors of one subject area as Miro draws them. Miro takes no waypoints: a connector is
 * elbowed from attach point to attach point through whatever lies between, so a relation between tables two
 * columns apart strikes through the column between. After the columns are placed, each connector that
 * passes through a table (or reference box) that is neither of its ends is judged by the very drawing the
 * board gets (routing/elbow-routes.ts), and one change is tried at a time, kept when it makes the area
 * better: a copy of the reference box it ends at, next to its referencing table (one reference box per
 * cluster of referencing tables; later tables of the cluster use it too); the referencing table moved next
 * to the table it references, or that table next to it. A change never makes the area outgrow a screen.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import type { Box, Point } from '../../model/layout.js';
import { referenceBoxId } from '../../model/layout.js';
import { polylineSegments, segmentEntersBox } from '../helpers/geometry.js';
import { countCrossingPairs, throughItems, type DrawnConnector } from '../metrics/board-metrics.js';
import { elbowRoutes } from '../routing/elbow-routes.js';
import type { SideChoice } from '../routing/side-flips.js';
import type { TableSize } from '../types.js';
import { referenceSpec, type ReferenceSpec } from './reference-boxes.js';

/** A connector through a table costs this many crossings: it hides the rows it passes. */
const THROUGH_COST = 1000;
/** Changes tried per area, at most (each is judged on the whole area's drawing). */
const MAX_ROUNDS = 60;

export interface AreaColumns {
  columns: string[][];
  /** Outer size an area may have: a change that makes it larger (or larger than it was) is not kept. */
  limit: { width: number; height: number };
  place: (columns: readonly string[][], sizes: ReadonlyMap<string, TableSize>) => { boxes: Map<string, Box>; width: number; height: number };
}

export interface ClearedArea {
  columns: string[][];
  sizes: Map<string, TableSize>;
  /** The area's reference boxes as drawn (resized for their ends, copies added; none left without ends). */
  references: ReferenceSpec[];
  /** Relation id -> the reference box it now ends at, for every relation whose box changed. */
  retarget: Map<string, string>;
  /** Relation id -> its sides, where they are fixed (a referenced end on a top or bottom edge). */
  pins: Map<string, SideChoice>;
}

interface State {
  columns: string[][];
  /** Relation id -> the item its referenced end attaches to. */
  target: Map<string, string>;
  /** Reference boxes of the area, by id. */
  boxes: Map<string, ReferenceSpec>;
  /** Relation id -> the sides it is drawn with, where a change fixed them. */
  pins: Map<string, SideChoice>;
}

interface Judged {
  crossings: number;
  excess: number;
  /** Connectors through a table that is neither end (the board metric), then those through one of their own ends. */
  through: DiagramRelation[];
  own: DiagramRelation[];
  /** Per relation through a table: the items it passes through. */
  hits: Map<string, string[]>;
  boxes: Map<string, Box>;
}

export function clearConnectors(
  area: AreaColumns,
  tables: ReadonlyMap<string, TableSize>,
  relations: readonly DiagramRelation[],
  references: readonly ReferenceSpec[],
  rowCount: (id: string) => number,
): ClearedArea {
  let state: State = {
    columns: area.columns.map((c) => [...c]),
    target: new Map(relations.map((r) => [r.id, r.to])),
    boxes: new Map(references.map((s) => [s.id, s])),
    pins: new Map(),
  };
  const sized = new Map<string, ReferenceSpec>();
  const specFor = (s: State, id: string): ReferenceSpec | undefined => {
    const base = s.boxes.get(id);
    if (!base) return undefined;
    const ends = endsAt(s, id);
    const key = `${id}\u0000${ends}`;
    let spec = sized.get(key);
    if (!spec) sized.set(key, (spec = referenceSpec(base, ends)));
    return spec;
  };
  const sizesOf = (s: State): Map<string, TableSize> => {
    const sizes = new Map(tables);
    for (const id of s.boxes.keys()) {
      const spec = specFor(s, id) as ReferenceSpec;
      sizes.set(id, { id, width: spec.width, height: spec.height });
    }
    return sizes;
  };
  const judge = (s: State): Judged => {
    const sizes = sizesOf(s);
    const placed = area.place(s.columns.filter((c) => c.length > 0), sizes);
    const drawn = relations.map((r) => retarget(r, s.target.get(r.id) ?? r.to));
    const rows = (id: string): number => (s.boxes.has(id) ? (specFor(s, id)?.rows.length ?? 1) : rowCount(id));
    const routes = elbowRoutes(drawn, placed.boxes, () => '', rows, s.pins);
    const connectors: DrawnConnector[] = routes.map((r) => ({ fromItem: r.from, toItem: r.to, path: r.points, fromPoint: r.fromAnchor, toPoint: r.toAnchor }));
    const items = [...placed.boxes.entries()].map(([id, b]) => ({ id, ...b }));
    const hits = throughItems(connectors, items);
    const byId = new Map(drawn.map((r) => [r.id, r]));
    const through = routes.filter((_, i) => hits[i]).map((r) => byId.get(r.id) as DiagramRelation);
    const passed = new Map(through.map((r) => [r.id, hitItems(routes.find((x) => x.id === r.id)?.points ?? [], r, items)]));
    // A connector that turns back through its own table hides its rows as well.
    const own = routes.filter((route, i) => !hits[i] && throughOwnEnd(route.points, [placed.boxes.get(route.from), placed.boxes.get(route.to)])).map((r) => byId.get(r.id) as DiagramRelation);
    const excess = Math.max(0, placed.width - area.limit.width) + Math.max(0, placed.height - area.limit.height);
    return { crossings: countCrossingPairs(connectors.map((c) => c.path)), excess, through, own, hits: passed, boxes: placed.boxes };
  };

  let current = judge(state);

  let copies = 0;
  // First the connectors through other tables (the board metric), then those through their own ends, so
  // that the second pass never costs the first its result.
  for (const phase of ['through', 'own'] as const) {
    const stuck = new Set<string>();
    const worse = (a: Judged, b: Judged): boolean => a.through.length > b.through.length || (phase === 'own' && a.through.length === b.through.length && a.own.length >= b.own.length);
    // Among changes that clear as many, the one with fewer connectors through their own ends wins in
    // both passes: the second pass then has less to repair, at the cost of crossings.
    const score = (j: Judged): number => THROUGH_COST * (THROUGH_COST * j.through.length + j.own.length) + j.crossings;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = current[phase].find((r) => !stuck.has(r.id));
      if (!next) break;
      let best: { state: State; judged: Judged } | null = null;
      // Changes at the connector's own ends first; what it passes through moves only when they do not help.
      for (const tier of changesFor(next, current.hits.get(next.id) ?? [], state, current.boxes, () => `${referenceBoxId('', '')}copy-${++copies}`)) {
        for (const change of tier) {
          // Judged as it will be drawn: a reference box left without ends is not drawn (finish), and the
          // tables below it in its column move up.
          const candidate = withoutIdleBoxes(change);
          const judged = judge(candidate);
          // Kept only when fewer connectors pass through tables: every change kept is progress.
          const progress = phase === 'through' ? judged.through.length < current.through.length : !worse(judged, current);
          if (judged.excess > current.excess || !progress) continue;
          if (best === null || score(judged) < score(best.judged)) best = { state: candidate, judged };
        }
        if (best !== null) break;
      }
      if (best === null) {
        stuck.add(next.id);
        continue;
      }
      state = best.state;
      current = best.judged;
    }
  }
  return finish(state, relations, current.boxes, specFor);
}

/** The items a drawn path passes through, other than its two ends. */
function hitItems(path: readonly Point[], r: DiagramRelation, items: ReadonlyArray<Box & { id: string }>): string[] {
  const pieces = polylineSegments(path);
  return items.filter((item) => item.id !== r.from && item.id !== r.to && pieces.some((p) => segmentEntersBox(p, item))).map((item) => item.id);
}

function throughOwnEnd(path: readonly Point[], ends: ReadonlyArray<Box | undefined>): boolean {
  const pieces = polylineSegments(path);
  return ends.some((box) => box !== undefined && pieces.some((p) => segmentEntersBox(p, box)));
}

function retarget(r: DiagramRelation, to: string): DiagramRelation {
  return to === r.to ? r : { ...r, to, toRow: 0 };
}

function endsAt(s: State, id: string): number {
  let n = 0;
  for (const to of s.target.values()) if (to === id) n++;
  return n;
}

/** The changes tried for a connector through a table, each a new state, in tiers tried in turn. */
function* changesFor(r: DiagramRelation, hit: readonly string[], s: State, boxes: ReadonlyMap<string, Box>, newId: () => string): Generator<State[]> {
  const from = r.from;
  const to = s.target.get(r.id) ?? r.to;
  const box = s.boxes.get(to);
  const ends: State[] = [];
  if (box) {
    // Another box of the same table already in the area (a copy made for a neighbour), or a new copy.
    for (const other of [...s.boxes.values()].filter((b) => b.table === box.table && b.id !== to).map((b) => b.id)) {
      ends.push(withTarget(s, r.id, other));
    }
    for (const where of PLACES) {
      const id = newId();
      const copy = withTarget(s, r.id, id);
      copy.boxes.set(id, { ...box, id });
      insertNear(copy.columns, id, from, where, boxes);
      ends.push(copy);
    }
  }
  for (const [mover, anchor] of [
    [from, to],
    [to, from],
  ] as const) {
    if (mover === anchor) continue;
    for (const where of PLACES) ends.push(moved(s, mover, (columns) => insertNear(columns, mover, anchor, where, boxes)));
  }
  // Or other sides, the referenced end on the top or bottom edge too: the connector then comes round.
  if (from !== to) {
    for (const fromSide of ['left', 'right'] as const) {
      for (const toSide of ['left', 'right', 'top', 'bottom'] as const) {
        const pins = new Map(s.pins);
        pins.set(r.id, { fromSide, toSide });
        ends.push({ ...s, pins });
      }
    }
  }
  yield ends;
  // Then what it passes through steps aside: to either end of its column, or next to one of the ends.
  const aside: State[] = [];
  for (const mover of hit) {
    const c = s.columns.findIndex((col) => col.includes(mover));
    if (c < 0) continue;
    aside.push(moved(s, mover, (columns) => columns[c]?.unshift(mover)));
    aside.push(moved(s, mover, (columns) => columns[c]?.push(mover)));
    for (const anchor of [from, to]) {
      for (const where of ['below', 'above'] as const) aside.push(moved(s, mover, (columns) => insertNear(columns, mover, anchor, where, boxes)));
    }
  }
  yield aside;
  // Last, either end to any place in its own column or the columns beside it.
  const anywhere: State[] = [];
  for (const mover of [from, to]) {
    const c = s.columns.findIndex((col) => col.includes(mover));
    for (let k = Math.max(0, c - 1); c >= 0 && k <= Math.min(s.columns.length - 1, c + 1); k++) {
      const length = (s.columns[k]?.length ?? 0) - (k === c ? 1 : 0);
      for (let at = 0; at <= length; at++) anywhere.push(moved(s, mover, (columns) => columns[k]?.splice(at, 0, mover)));
    }
  }
  yield anywhere;
}

const PLACES = ['below', 'above', 'before', 'after'] as const;

/** The state with `mover` taken out of its column and put back by `put`. */
function moved(s: State, mover: string, put: (columns: string[][]) => void): State {
  const columns = s.columns.map((c) => c.filter((id) => id !== mover));
  put(columns);
  return { ...s, columns };
}

/** The state without the reference boxes no relation ends at any more. */
function withoutIdleBoxes(s: State): State {
  const idle = new Set([...s.boxes.keys()].filter((id) => endsAt(s, id) === 0));
  if (idle.size === 0) return s;
  const boxes = new Map([...s.boxes].filter(([id]) => !idle.has(id)));
  return { ...s, boxes, columns: s.columns.map((c) => c.filter((id) => !idle.has(id))) };
}

function withTarget(s: State, relationId: string, to: string): State {
  const target = new Map(s.target);
  target.set(relationId, to);
  return { columns: s.columns.map((c) => [...c]), target, boxes: new Map(s.boxes), pins: s.pins };
}

/**
 * Puts `id` next to `anchor`: right below or above it in its column, or in the column before or after
 * (a new one at either edge) at the anchor's height.
 */
function insertNear(columns: string[][], id: string, anchor: string, where: 'below' | 'above' | 'before' | 'after', boxes: ReadonlyMap<string, Box>): void {
  const c = columns.findIndex((col) => col.includes(anchor));
  if (c < 0) return;
  const col = columns[c] as string[];
  if (where === 'below' || where === 'above') {
    col.splice(col.indexOf(anchor) + (where === 'below' ? 1 : 0), 0, id);
    return;
  }
  let target = where === 'before' ? c - 1 : c + 1;
  if (target < 0) {
    columns.unshift([]);
    target = 0;
  } else if (target >= columns.length) columns.push([]);
  const into = columns[target] as string[];
  const anchorBox = boxes.get(anchor);
  const y = anchorBox ? anchorBox.y + anchorBox.height / 2 : 0;
  const at = into.findIndex((other) => {
    const b = boxes.get(other);
    return b !== undefined && b.y + b.height / 2 > y;
  });
  into.splice(at < 0 ? into.length : at, 0, id);
}

/**
 * The area as kept: reference boxes without ends dropped, and the boxes of each table named in reading
 * order of their places (the first keeps the table's usual id, the others `~2`, `~3`), so the ids do not
 * depend on the order the changes were tried in.
 */
function finish(s: State, relations: readonly DiagramRelation[], boxes: ReadonlyMap<string, Box>, specFor: (s: State, id: string) => ReferenceSpec | undefined): ClearedArea {
  const alive = [...s.boxes.values()].filter((b) => endsAt(s, b.id) > 0);
  const families = new Map<string, ReferenceSpec[]>();
  for (const b of alive) families.set(b.table, [...(families.get(b.table) ?? []), b]);
  const rename = new Map<string, string>();
  const at = (id: string): Point => boxes.get(id) ?? { x: 0, y: 0 };
  for (const members of families.values()) {
    const base = referenceBoxId(members[0]?.unit ?? '', members[0]?.table ?? '');
    members
      .sort((p, q) => at(p.id).y - at(q.id).y || at(p.id).x - at(q.id).x)
      .forEach((m, i) => rename.set(m.id, i === 0 ? base : `${base}~${i + 1}`));
  }
  const dead = new Set([...s.boxes.keys()].filter((id) => !rename.has(id)));
  const columns = s.columns.map((c) => c.filter((id) => !dead.has(id)).map((id) => rename.get(id) ?? id)).filter((c) => c.length > 0);
  const references = alive.map((b) => ({ ...(specFor(s, b.id) as ReferenceSpec), id: rename.get(b.id) as string }));
  const retargets = new Map<string, string>();
  for (const r of relations) {
    const to = s.target.get(r.id) ?? r.to;
    const renamed = rename.get(to) ?? to;
    if (renamed !== r.to) retargets.set(r.id, renamed);
  }
  const sizes = new Map<string, TableSize>(references.map((b) => [b.id, { id: b.id, width: b.width, height: b.height }]));
  return { columns, sizes, references: references.sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0)), retarget: retargets, pins: s.pins };
}
