/**
 * The layout stage: Diagram -> Layout. Sizes every box with measure.ts, lays out each schema (or the whole
 * diagram) as packed components, frames schemas, then fixes every relation's anchors on its rows and routes
 * the relations no ELK run routed (those between frames with frame-router.ts).
 */
import { SchemaToMiroError } from '../errors.js';
import type { Diagram, DiagramRelation } from '../model/diagram.js';
import type { Box, FrameBox, Layout, Point, ReferenceBox, RelationRoute, TableBox, TableText } from '../model/layout.js';
import { boundingBox, LAYOUT_FORMAT_VERSION } from '../model/layout.js';
import { anchorPoint } from './routing/anchors.js';
import { FRAME_CONTENT_OFFSET, frameSize } from './frames/frames.js';
import { CANVAS_MARGIN, FRAME_GAP } from './spacing.js';
import { layoutArea } from './placement/area-layout.js';
import { layoutGroup } from './placement/group-layout.js';
import { measureTable, tableHeaderText, tableText } from './measure.js';
import { TARGET_ASPECT, packRectangles } from './frames/pack.js';
import { MAX_FRAMES_IN_ROW, frameRowOrder } from './frames/frame-order.js';
import { DEFAULT_SEARCH_BUDGET, OrthogonalRouter, simplify } from './routing/router.js';
import { BetweenFramesRouter } from './routing/frame-router.js';
import { chooseSides } from './routing/sides.js';
import { spreadAnchors } from './routing/spread-ends.js';
import { elbowRoutes } from './routing/elbow-routes.js';
import { placeInCells } from './frames/cell-grid.js';
import { drawingUnits, type DrawingUnit } from './frames/units.js';
import { isReference, referenceBoxes, retargeted, type ReferenceSpec } from './placement/reference-boxes.js';
import type { SideChoice } from './routing/side-flips.js';
import { improveSides } from './routing/side-flips.js';
import type { LayoutOptions, Placement, PlacedRoute, TableSize } from './types.js';
import { emptyPlacement, translatePlacement } from './types.js';

export { CANVAS_MARGIN } from './spacing.js';
/** Router search steps shared by all relations between schema frames. */
const BETWEEN_FRAMES_SEARCH_BUDGET = 4_000_000;

export async function layoutDiagram(diagram: Diagram, options: LayoutOptions = {}): Promise<Layout> {
  if (options.direction !== undefined && options.direction !== 'right' && options.direction !== 'down') {
    throw new SchemaToMiroError('usage', `direction must be right or down (got ${String(options.direction)})`);
  }
  const known = new Set(diagram.tables.map((t) => t.id));
  for (const r of diagram.relations) {
    if (!known.has(r.from) || !known.has(r.to)) {
      throw new SchemaToMiroError('usage', `relation ${r.id} joins a table that is not in the diagram`);
    }
  }
  // Groups come from the tables themselves, so a table is never lost to a stale `schemas` list.
  const schemaNames = [...new Set(diagram.tables.map((t) => t.schema))].sort(compare);
  const schemaCount = schemaNames.length;
  const texts = new Map<string, TableText>();
  const sizes = new Map<string, TableSize>(
    diagram.tables.map((t) => {
      const header = tableHeaderText(t, schemaCount);
      const m = measureTable(t, header);
      texts.set(t.id, tableText(t, header, m));
      return [t.id, { id: t.id, width: m.width, height: m.height }];
    }),
  );
  const rowCounts = new Map(diagram.tables.map((t) => [t.id, t.rows.length]));

  const units = drawingUnits(diagram, schemaNames);
  const references = options.references === false ? { specs: [], retarget: new Map<string, string>() } : referenceBoxes(diagram, units);
  const unitOf = new Map<string, string>();
  for (const u of units) for (const id of u.tables) unitOf.set(id, u.key);
  for (const spec of references.specs) {
    sizes.set(spec.id, { id: spec.id, width: spec.width, height: spec.height });
    rowCounts.set(spec.id, spec.rows.length);
    unitOf.set(spec.id, spec.unit);
  }
  let relations = diagram.relations.map((r) => retargeted(r, references));
  const hubs = new Set(diagram.hubs ?? []);
  const withAreas = units.some((u) => u.area !== null);
  const framed = units.some((u) => u.framed);

  // A few schemas stand side by side in one row, each frame shaped so the row is screen-shaped.
  const inRow = framed && !withAreas && units.length <= MAX_FRAMES_IN_ROW;
  const groupAspect = inRow ? TARGET_ASPECT / units.length : TARGET_ASPECT;
  const unitPlacements: Placement[] = [];
  const drawnReferences: ReferenceSpec[] = [];
  const redrawn = new Map<string, string>();
  const pins = new Map<string, SideChoice>();
  for (const unit of units) {
    const items = [...unit.tables, ...references.specs.filter((s) => s.unit === unit.key).map((s) => s.id)];
    const inUnit = new Set(items);
    const unitRelations = relations.filter((r) => inUnit.has(r.from) && inUnit.has(r.to));
    // In an area, its hub and its reference boxes stand on the spine with the tables that reference them beside it.
    const tables = items.map((id) => sizes.get(id)).filter((s): s is TableSize => s !== undefined);
    if (!withAreas) {
      unitPlacements.push(await layoutGroup(tables, unitRelations, options, groupAspect));
      continue;
    }
    const mine = references.specs.filter((s) => s.unit === unit.key);
    const area = layoutArea(tables, unitRelations, items.filter((id) => hubs.has(id) || isReference(id)), mine, (id) => rowCounts.get(id) ?? 0);
    unitPlacements.push(area.placement);
    // The area's reference boxes as it drew them: resized, copies added, relations ending at the copies.
    for (const spec of area.references) {
      sizes.set(spec.id, { id: spec.id, width: spec.width, height: spec.height });
      rowCounts.set(spec.id, spec.rows.length);
      unitOf.set(spec.id, spec.unit);
    }
    drawnReferences.push(...area.references);
    for (const [id, to] of area.retarget) redrawn.set(id, to);
    for (const [id, choice] of area.pins) pins.set(id, choice);
  }
  if (withAreas) {
    references.specs = drawnReferences.sort((a, b) => compare(a.id, b.id));
    relations = relations.map((r) => {
      const to = redrawn.get(r.id);
      return to === undefined ? r : { ...r, to, toRow: 0 };
    });
  }

  const placement = emptyPlacement();
  const frames: FrameBox[] = [];
  if (framed) {
    const outer = unitPlacements.map((g) => frameSize(g.width, g.height));
    const keys = units.map((u) => u.key);
    const packed = withAreas
      ? placeInCells(outer, unitOrder(units, relations, unitOf), TARGET_ASPECT)
      : inRow
        ? rowPositions(outer, frameRowOrder(keys, relations, unitOf)).positions
        : packRectangles(outer, FRAME_GAP).positions;
    unitPlacements.forEach((g, i) => {
      const p = packed[i] ?? { x: 0, y: 0 };
      const size = outer[i] ?? { width: 0, height: 0 };
      const unit = units[i] as DrawingUnit;
      translatePlacement(g, p.x + FRAME_CONTENT_OFFSET.x, p.y + FRAME_CONTENT_OFFSET.y, placement);
      frames.push({
        schema: unit.schema,
        x: p.x,
        y: p.y,
        width: size.width,
        height: size.height,
        tables: [...unit.tables],
        ...(unit.area ? { area: { ...unit.area } } : {}),
      });
    });
  } else if (unitPlacements[0]) {
    translatePlacement(unitPlacements[0], 0, 0, placement);
  }

  const frameKey = (f: FrameBox): string => f.area?.key ?? f.schema;
  const routed = routeRelations(relations, placement, (id) => (framed ? unitOf.get(id) ?? '' : ''), frames, frameKey, (id) => rowCounts.get(id) ?? 0, withAreas, pins);
  const byId = new Map(diagram.relations.map((r) => [r.id, r]));
  const routes = routed.map((route) => {
    const original = byId.get(route.id);
    return original && original.to !== route.to ? { ...route, to: original.to, toItem: route.to } : route;
  });
  const referenceBoxesPlaced: ReferenceBox[] = references.specs.flatMap((spec) => {
    const box = placement.boxes.get(spec.id);
    placement.boxes.delete(spec.id);
    return box
      ? [{ id: spec.id, table: spec.table, area: spec.unit, targetArea: spec.targetUnit, targetTitle: spec.targetTitle, rows: spec.rows, text: spec.text, ...box }]
      : [];
  });
  // On the cell grid the canvas starts at the grid's corner, not at the first frame's: a frame that grows
  // inside its cell then moves nothing else.
  return finish(placement.boxes, texts, frames, routes, referenceBoxesPlaced, withAreas ? [{ x: 0, y: 0 }] : []);
}

/**
 * The order frames take their cells in: schema by schema, and inside a schema from its first unit
 * outwards to the units most related to those already placed, so related areas sit near each other.
 */
function unitOrder(units: readonly DrawingUnit[], relations: readonly DiagramRelation[], unitOf: ReadonlyMap<string, string>): number[] {
  const index = new Map(units.map((u, i) => [u.key, i]));
  const links = new Map<number, Map<number, number>>();
  for (const r of relations) {
    const a = index.get(unitOf.get(r.from) ?? '');
    const b = index.get(unitOf.get(r.to) ?? '');
    if (a === undefined || b === undefined || a === b) continue;
    for (const [p, q] of [[a, b], [b, a]] as const) {
      const row = links.get(p) ?? new Map<number, number>();
      row.set(q, (row.get(q) ?? 0) + 1);
      links.set(p, row);
    }
  }
  const order: number[] = [];
  const placed = new Set<number>();
  const schemas = [...new Set(units.map((u) => u.schema))];
  for (const schema of schemas) {
    const members = units.map((u, i) => ({ u, i })).filter(({ u }) => u.schema === schema);
    const pull = new Map<number, number>();
    while (members.some(({ i }) => !placed.has(i))) {
      // The most related to what is placed; else the first left by key. Not by size: a table added to
      // one area must not reorder the others.
      let best = -1;
      let bestScore = -1;
      for (const { i } of members) {
        if (placed.has(i)) continue;
        const score = pull.get(i) ?? 0;
        if (score > bestScore) {
          best = i;
          bestScore = score;
        }
      }
      placed.add(best);
      order.push(best);
      for (const [j, w] of links.get(best) ?? []) pull.set(j, (pull.get(j) ?? 0) + w);
    }
  }
  return order;
}

/** Frames left to right in `order`, tops aligned at their vertical centres. */
function rowPositions(sizes: ReadonlyArray<{ width: number; height: number }>, order: readonly number[]): { positions: Point[] } {
  const height = Math.max(0, ...sizes.map((s) => s.height));
  const positions: Point[] = sizes.map(() => ({ x: 0, y: 0 }));
  let x = 0;
  for (const i of order) {
    const size = sizes[i];
    if (!size) continue;
    positions[i] = { x, y: Math.round((height - size.height) / 2) };
    x += size.width + FRAME_GAP;
  }
  return { positions };
}

/** Anchors for every relation (ends spread, at most four per point); ELK's route where it made one and the anchors stayed, else the router's. */
function routeRelations(
  relations: readonly DiagramRelation[],
  placement: Placement,
  groupOf: (id: string) => string,
  frames: readonly FrameBox[],
  frameKey: (frame: FrameBox) => string,
  rowCount: (item: string) => number,
  /** Subject areas: every relation is routed as Miro draws it, and sides are judged by that drawing (elbow-routes.ts). */
  elbowsOnly: boolean,
  /** Sides the area layout fixed (elbow-routes.ts). */
  pins: ReadonlyMap<string, SideChoice>,
): RelationRoute[] {
  if (elbowsOnly) return elbowRoutes(relations, placement.boxes, groupOf, rowCount, pins);
  const boxes = [...placement.boxes.values()];
  let router: OrthogonalRouter | null = null;
  const tableRouter = (): OrthogonalRouter => (router ??= new OrthogonalRouter(boxes, DEFAULT_SEARCH_BUDGET));
  // Relations between frames get a search budget of their own: in multi-schema schemas they can be most
  // relations, and they search only near their ends' frames (frame-router.ts).
  let betweenFrames: BetweenFramesRouter | null = null;
  const contents = new Map(
    frames.map((f) => {
      const key = frameKey(f);
      const items = [...placement.boxes.keys()].filter((id) => groupOf(id) === key);
      return [key, contentBounds(items, placement.boxes)];
    }),
  );
  const frameRouter = (): BetweenFramesRouter =>
    (betweenFrames ??= new BetweenFramesRouter(new OrthogonalRouter(boxes, BETWEEN_FRAMES_SEARCH_BUDGET), [...contents.values()]));
  const initial = new Map<string, SideChoice>();
  for (const r of relations) {
    const fromBox = placement.boxes.get(r.from);
    const toBox = placement.boxes.get(r.to);
    if (fromBox && toBox) initial.set(r.id, placement.routes.get(r.id) ?? chooseSides(fromBox, toBox, r.from === r.to));
  }
  // Side flips are quadratic: run them per frame, and once over the relations between frames.
  const flipped = new Map<string, SideChoice>();
  const byGroup = new Map<string, DiagramRelation[]>();
  for (const r of relations) {
    const group = groupOf(r.from) === groupOf(r.to) ? groupOf(r.from) : '\u0000between';
    byGroup.set(group, [...(byGroup.get(group) ?? []), r]);
  }
  for (const group of [...byGroup.keys()].sort(compare)) {
    for (const [id, choice] of improveSides(byGroup.get(group) ?? [], placement.boxes, initial, 'straight')) flipped.set(id, choice);
  }
  const sides = new Map(initial);
  for (const [id, choice] of flipped) sides.set(id, choice);
  const anchors = spreadAnchors(relations, sides, placement.boxes, rowCount);
  const routes: RelationRoute[] = [];
  for (const r of relations) {
    const fromBox = placement.boxes.get(r.from);
    const toBox = placement.boxes.get(r.to);
    const choice = sides.get(r.id);
    const at = anchors.get(r.id);
    if (!fromBox || !toBox || !choice || !at) continue;
    const placed = placement.routes.get(r.id);
    if (placed && !flipped.has(r.id) && samePoint(at.to, anchorPoint(toBox, placed.toSide, r.toRow)) && samePoint(at.from, anchorPoint(fromBox, placed.fromSide, r.fromRow))) {
      routes.push(fromPlacedRoute(r, fromBox, toBox, placed));
      continue;
    }
    const request = { from: at.from, fromSide: choice.fromSide, to: at.to, toSide: choice.toSide };
    const fromContent = contents.get(groupOf(r.from));
    const toContent = contents.get(groupOf(r.to));
    const points =
      groupOf(r.from) !== groupOf(r.to) && fromContent && toContent
        ? frameRouter().route(request, fromContent, toContent)
        : tableRouter().route(request);
    routes.push({ id: r.id, from: r.from, to: r.to, fromAnchor: at.from, fromSide: choice.fromSide, toAnchor: at.to, toSide: choice.toSide, points });
  }
  return routes;
}

function samePoint(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6;
}

/** Bounding box of the given tables. */
function contentBounds(ids: readonly string[], boxes: ReadonlyMap<string, Box>): Box {
  const present = ids.map((id) => boxes.get(id)).filter((b): b is Box => b !== undefined);
  return boundingBox(present) ?? { x: 0, y: 0, width: 0, height: 0 };
}

/** Pins ELK's route ends exactly on the anchors (ELK works in doubles; the anchors are the contract). */
function fromPlacedRoute(r: DiagramRelation, fromBox: Box, toBox: Box, placed: PlacedRoute): RelationRoute {
  const fromAnchor = anchorPoint(fromBox, placed.fromSide, r.fromRow);
  const toAnchor = anchorPoint(toBox, placed.toSide, r.toRow);
  const points = placed.points.map((p) => ({ ...p }));
  pinEnd(points, 0, 1, fromAnchor);
  pinEnd(points, points.length - 1, points.length - 2, toAnchor);
  return { id: r.id, from: r.from, to: r.to, fromAnchor, fromSide: placed.fromSide, toAnchor, toSide: placed.toSide, points: simplify(points) };
}

function pinEnd(points: Point[], end: number, neighbour: number, anchor: Point): void {
  const old = points[end];
  const next = points[neighbour];
  if (!old) {
    points.push(anchor);
    return;
  }
  // Moving the end along its first segment's axis keeps the route orthogonal.
  if (next && neighbour !== end) {
    if (Math.abs(next.y - old.y) < 1e-6) next.y = anchor.y;
    else if (Math.abs(next.x - old.x) < 1e-6) next.x = anchor.x;
  }
  points[end] = anchor;
}

/** Shifts everything so the drawing starts at the margin, rounds to hundredths, sorts, and sizes the canvas. */
function finish(boxes: Map<string, Box>, texts: ReadonlyMap<string, TableText>, frames: FrameBox[], relations: RelationRoute[], references: ReferenceBox[], origin: Point[]): Layout {
  const extent = boundingBox([...boxes.values(), ...frames, ...references], [...origin, ...relations.flatMap((r) => r.points)]) ?? {
    x: 0,
    y: 0,
    width: 0,
    height: 0,
  };
  const maxX = extent.x + extent.width;
  const maxY = extent.y + extent.height;
  // Whole-unit shifts keep the whole-unit boxes (and so the anchors) exact.
  const minX = Math.floor(extent.x);
  const minY = Math.floor(extent.y);
  const dx = CANVAS_MARGIN - minX;
  const dy = CANVAS_MARGIN - minY;
  const point = (p: Point): Point => ({ x: round(p.x + dx), y: round(p.y + dy) });
  const tables: TableBox[] = [...boxes.entries()]
    .map(([id, b]) => ({ id, x: b.x + dx, y: b.y + dy, width: b.width, height: b.height, text: texts.get(id)! }))
    .sort((a, b) => compare(a.id, b.id));
  return {
    formatVersion: LAYOUT_FORMAT_VERSION,
    width: Math.ceil(maxX - minX + 2 * CANVAS_MARGIN),
    height: Math.ceil(maxY - minY + 2 * CANVAS_MARGIN),
    tables,
    frames: frames
      .map((f) => ({ ...f, x: f.x + dx, y: f.y + dy }))
      .sort((a, b) => compare(a.schema, b.schema) || compare(a.area?.key ?? '', b.area?.key ?? '')),
    relations: relations
      .map((r) => ({ ...r, fromAnchor: point(r.fromAnchor), toAnchor: point(r.toAnchor), points: r.points.map(point) }))
      .sort((a, b) => compare(a.id, b.id)),
    ...(references.length > 0
      ? { references: references.map((b) => ({ ...b, x: b.x + dx, y: b.y + dy })).sort((a, b) => compare(a.id, b.id)) }
      : {}),
  };
}

/** Hundredths: enough for any screen, and stable against floating-point noise in the last digits. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
