/**
 * The layout stage: Diagram -> Layout. Sizes every box with measure.ts, lays out each schema (or the whole
 * diagram) as packed components, frames schemas, then fixes every relation's anchors on its rows and routes
 * the relations no ELK run routed (those between frames with frame-router.ts).
 */
import { SchemaToMiroError } from '../errors.js';
import type { Diagram, DiagramRelation } from '../model/diagram.js';
import type { Box, FrameBox, Layout, Point, RelationRoute, TableBox, TableText } from '../model/layout.js';
import { boundingBox, LAYOUT_FORMAT_VERSION } from '../model/layout.js';
import { anchorPoint } from './anchors.js';
import { FRAME_CONTENT_OFFSET, FRAME_GAP, frameSize } from './frames.js';
import { layoutGroup } from './group-layout.js';
import { measureTable, tableHeaderText, tableText } from './measure.js';
import { TARGET_ASPECT, packRectangles } from './pack.js';
import { MAX_FRAMES_IN_ROW, frameRowOrder } from './frame-order.js';
import { DEFAULT_SEARCH_BUDGET, OrthogonalRouter, simplify } from './router.js';
import { BetweenFramesRouter } from './frame-router.js';
import { chooseSides } from './sides.js';
import type { SideChoice } from './side-flips.js';
import { improveSides } from './side-flips.js';
import type { LayoutOptions, Placement, PlacedRoute, TableSize } from './types.js';
import { emptyPlacement, translatePlacement } from './types.js';

/** Empty space around the drawing, on every side. */
export const CANVAS_MARGIN = 40;
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
  const sizes: TableSize[] = diagram.tables.map((t) => {
    const header = tableHeaderText(t, schemaCount);
    const m = measureTable(t, header);
    texts.set(t.id, tableText(t, header, m));
    return { id: t.id, width: m.width, height: m.height };
  });
  const schemaOf = new Map(diagram.tables.map((t) => [t.id, t.schema]));

  const framed = schemaCount > 1;
  const groups = framed ? schemaNames : [null];
  // A few schemas stand side by side in one row, each frame shaped so the row is screen-shaped.
  const inRow = framed && schemaCount <= MAX_FRAMES_IN_ROW;
  const groupAspect = inRow ? TARGET_ASPECT / schemaCount : TARGET_ASPECT;
  const groupPlacements: Placement[] = [];
  for (const schema of groups) {
    const inGroup = (id: string): boolean => schema === null || schemaOf.get(id) === schema;
    const tables = sizes.filter((s) => inGroup(s.id));
    const relations = diagram.relations.filter((r) => inGroup(r.from) && inGroup(r.to));
    groupPlacements.push(await layoutGroup(tables, relations, options, groupAspect));
  }

  const placement = emptyPlacement();
  const frames: FrameBox[] = [];
  if (framed) {
    const outer = groupPlacements.map((g) => frameSize(g.width, g.height));
    const packed = inRow ? rowPositions(outer, frameRowOrder(schemaNames, diagram.relations, schemaOf)) : packRectangles(outer, FRAME_GAP);
    groupPlacements.forEach((g, i) => {
      const p = packed.positions[i] ?? { x: 0, y: 0 };
      const size = outer[i] ?? { width: 0, height: 0 };
      translatePlacement(g, p.x + FRAME_CONTENT_OFFSET.x, p.y + FRAME_CONTENT_OFFSET.y, placement);
      const schema = schemaNames[i] ?? '';
      frames.push({ schema, x: p.x, y: p.y, width: size.width, height: size.height, tables: [...g.boxes.keys()].sort() });
    });
  } else if (groupPlacements[0]) {
    translatePlacement(groupPlacements[0], 0, 0, placement);
  }

  const relations = routeRelations(diagram.relations, placement, (id) => (framed ? schemaOf.get(id) ?? '' : ''), frames);
  return finish(placement.boxes, texts, frames, relations);
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

/** Anchors for every relation; ELK's route where it made one, else the router's. */
function routeRelations(
  relations: readonly DiagramRelation[],
  placement: Placement,
  groupOf: (id: string) => string,
  frames: readonly FrameBox[],
): RelationRoute[] {
  const boxes = [...placement.boxes.values()];
  let router: OrthogonalRouter | null = null;
  const tableRouter = (): OrthogonalRouter => (router ??= new OrthogonalRouter(boxes, DEFAULT_SEARCH_BUDGET));
  // Relations between frames get a search budget of their own: in multi-schema schemas they can be most
  // relations, and they search only near their ends' frames (frame-router.ts).
  let betweenFrames: BetweenFramesRouter | null = null;
  const contents = new Map(frames.map((f) => [f.schema, contentBounds(f.tables, placement.boxes)]));
  const frameRouter = (): BetweenFramesRouter =>
    (betweenFrames ??= new BetweenFramesRouter(new OrthogonalRouter(boxes, BETWEEN_FRAMES_SEARCH_BUDGET), [...contents.values()]));
  const initial = new Map<string, SideChoice>();
  for (const r of relations) {
    const fromBox = placement.boxes.get(r.from);
    const toBox = placement.boxes.get(r.to);
    if (fromBox && toBox) initial.set(r.id, placement.routes.get(r.id) ?? chooseSides(fromBox, toBox, r.from === r.to));
  }
  const flipped = improveSides(relations, placement.boxes, initial);
  const routes: RelationRoute[] = [];
  for (const r of relations) {
    const fromBox = placement.boxes.get(r.from);
    const toBox = placement.boxes.get(r.to);
    if (!fromBox || !toBox) continue;
    const placed = placement.routes.get(r.id);
    if (placed && !flipped.has(r.id)) {
      routes.push(fromPlacedRoute(r, fromBox, toBox, placed));
      continue;
    }
    const sides = flipped.get(r.id) ?? initial.get(r.id) ?? chooseSides(fromBox, toBox, r.from === r.to);
    const fromAnchor = anchorPoint(fromBox, sides.fromSide, r.fromRow);
    const toAnchor = anchorPoint(toBox, sides.toSide, r.toRow);
    const request = { from: fromAnchor, fromSide: sides.fromSide, to: toAnchor, toSide: sides.toSide };
    const fromContent = contents.get(groupOf(r.from));
    const toContent = contents.get(groupOf(r.to));
    const points =
      groupOf(r.from) !== groupOf(r.to) && fromContent && toContent
        ? frameRouter().route(request, fromContent, toContent)
        : tableRouter().route(request);
    routes.push({ id: r.id, from: r.from, to: r.to, fromAnchor, fromSide: sides.fromSide, toAnchor, toSide: sides.toSide, points });
  }
  return routes;
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
function finish(boxes: Map<string, Box>, texts: ReadonlyMap<string, TableText>, frames: FrameBox[], relations: RelationRoute[]): Layout {
  const extent = boundingBox([...boxes.values(), ...frames], relations.flatMap((r) => r.points)) ?? {
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
      .sort((a, b) => compare(a.schema, b.schema)),
    relations: relations
      .map((r) => ({ ...r, fromAnchor: point(r.fromAnchor), toAnchor: point(r.toAnchor), points: r.points.map(point) }))
      .sort((a, b) => compare(a.id, b.id)),
  };
}

/** Hundredths: enough for any screen, and stable against floating-point noise in the last digits. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
