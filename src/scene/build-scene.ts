/**
 * The scene stage: builds the board scene (src/model/scene.ts) from a diagram and its layout, the one
 * description that the SVG/HTML preview and the Miro drawer both draw, so the preview is a faithful picture
 * of the board. Text comes as layout measured it (TableBox.text); nothing is measured here.
 */
import { SchemaToMiroError } from '../errors.js';
import type { Diagram, DiagramRelation, DiagramTable, EndCardinality } from '../model/diagram.js';
import type { Box, Layout, Point, ReferenceBox, RelationRoute, TableBox, TableCells } from '../model/layout.js';
import { boundingBox } from '../model/layout.js';
import type { BoardScene, EndMarker, SceneConnector, SceneFrame, SceneTable, SchemaColors } from '../model/scene.js';
import { areaFrameKey } from '../model/scene.js';
import { byId, compareStrings } from '../util/compare.js';
import { roundTo } from '../util/round.js';
import { colorsForHeader, schemaColors } from './palette.js';
import { placeTitle, titleLines } from './title.js';
import { withSelfLoops } from './self-loop.js';
import { withEnumLegends } from './enum-legend.js';

export interface SceneOptions {
  /** Header colour per schema (`#rrggbb` or `#rgb`), replacing the palette's choice for that schema. */
  colors?: Record<string, string>;
}

/** Attach points are rounded to this many decimals: sub-pixel on any realistic box, and byte-stable. */
const ATTACH_DECIMALS = 4;

export function buildScene(diagram: Diagram, layout: Layout, options: SceneOptions = {}): BoardScene {
  const boxes = indexBoxes(diagram, layout);
  const routes = indexRoutes(diagram, layout);
  const colors = schemaColors(diagram.schemas.concat(diagram.tables.map((t) => t.schema)), options.colors);
  const colorsOf = (schema: string): SchemaColors => colors.get(schema) ?? colorsForHeader('#334155');
  // Tables and reference boxes in a subject area's frame say so; tables in a schema frame need not.
  const frameOf = new Map<string, string>();
  for (const frame of layout.frames) if (frame.area) for (const id of frame.tables) frameOf.set(id, areaFrameKey(frame.area.key));
  const frameKeyOf = (layoutKey: string): string => (layout.frames.some((f) => f.area?.key === layoutKey) ? areaFrameKey(layoutKey) : layoutKey);
  const byTable = new Map(diagram.tables.map((t) => [t.id, t]));
  const references = layout.references ?? [];
  const items = new Map<string, Box>([...boxes, ...references.map((r) => [r.id, r] as const)]);
  const tables = [
    ...diagram.tables.map((table) => {
      const scene = sceneTable(table, boxes.get(table.id)!, colorsOf(table.schema));
      const frame = frameOf.get(table.id);
      return frame ? { ...scene, frame } : scene;
    }),
    ...references.map((box) => referenceTable(box, byTable.get(box.table), colorsOf, frameKeyOf)),
  ].sort(byId);
  const connectors = withSelfLoops(
    diagram.relations.map((relation) => sceneConnector(relation, routes.get(relation.id)!, items)).sort(byId),
    items,
  );
  const several = new Set(diagram.tables.map((t) => t.schema)).size > 1;
  const frames: SceneFrame[] = layout.frames
    .map((frame) =>
      frame.area
        ? {
            schema: areaFrameKey(frame.area.key),
            box: copyBox(frame),
            title: several ? `${frame.schema} · ${frame.area.title}` : frame.area.title,
            colors: colorsOf(frame.schema),
            area: frame.area.key,
          }
        : { schema: frame.schema, box: copyBox(frame), title: frame.schema, colors: colorsOf(frame.schema) },
    )
    .sort((a, b) => compareStrings(a.schema, b.schema));

  const content = contentBounds(layout, tables, frames, connectors);
  // Left-aligned with the boxes (a route detour may stick out further left), above everything.
  const left = Math.min(...tables.map((t) => t.box.x), ...frames.map((f) => f.box.x));
  const areaCount = layout.frames.filter((f) => f.area).length;
  const title = placeTitle(titleLines(diagram, { areas: areaCount, references: references.length }), {
    x: Number.isFinite(left) ? left : content.x,
    y: content.y,
  });
  // Legends may grow frames and move what is below them: the bounds are taken after.
  const drawn = withEnumLegends(diagram, { title, frames, tables, connectors });
  const bounds = boundingBox([contentBounds(layout, drawn.tables, drawn.frames, drawn.connectors), title.box, ...drawn.enumLegends.map((l) => l.box)])!;
  return { bounds, title, frames: drawn.frames, tables: drawn.tables, connectors: drawn.connectors, enumLegends: drawn.enumLegends };
}

/** A reference box as the scene draws it: a small table with its table's header and colours. */
function referenceTable(
  box: ReferenceBox,
  table: DiagramTable | undefined,
  colorsOf: (schema: string) => SchemaColors,
  frameKeyOf: (layoutKey: string) => string,
): SceneTable {
  if (!table) throw mismatch(`reference box ${box.id} stands for ${box.table}, which is not in the diagram`);
  return {
    id: box.id,
    schema: table.schema,
    name: table.name,
    kind: table.kind,
    box: copyBox(box),
    header: box.text.header,
    rows: box.rows.map((row) => ({ ...row })),
    cells: copyCells(box.text.cells),
    colors: colorsOf(table.schema),
    mark: null,
    frame: frameKeyOf(box.area),
    reference: { table: table.id, targetFrame: frameKeyOf(box.targetArea), targetTitle: box.targetTitle },
  };
}

/** Crow's-foot markers of a relation end; view dependencies carry none. */
export function endMarker(relation: DiagramRelation, end: EndCardinality): EndMarker {
  return relation.kind === 'view_dependency' ? 'none' : end;
}

function sceneTable(table: DiagramTable, box: TableBox, colors: SchemaColors): SceneTable {
  if (box.text.cells.rows.length !== table.rows.length) throw mismatch(`the text of table ${table.id} has another number of rows`);
  return {
    id: table.id,
    schema: table.schema,
    name: table.name,
    kind: table.kind,
    box: copyBox(box),
    header: box.text.header,
    rows: table.rows.map((row) => ({ ...row })),
    cells: copyCells(box.text.cells),
    colors,
    mark: null,
  };
}

function sceneConnector(relation: DiagramRelation, route: RelationRoute, boxes: ReadonlyMap<string, Box>): SceneConnector {
  const to = route.toItem ?? relation.to;
  const fromBox = boxes.get(relation.from);
  const toBox = boxes.get(to);
  if (fromBox === undefined || toBox === undefined) {
    const missing = fromBox === undefined ? relation.from : relation.to;
    throw new SchemaToMiroError('usage', `relation ${relation.id} refers to table ${missing}, which is not in the diagram`);
  }
  if (route.from !== relation.from || route.to !== relation.to) {
    throw mismatch(`route ${relation.id} connects ${route.from} -> ${route.to}, the diagram ${relation.from} -> ${relation.to}`);
  }
  return {
    id: relation.id,
    from: relation.from,
    to,
    fromAttach: relativeAttach(route.fromAnchor, fromBox),
    toAttach: relativeAttach(route.toAnchor, toBox),
    startMarker: endMarker(relation, relation.fromEnd),
    endMarker: endMarker(relation, relation.toEnd),
    // A view's reads and the relations no constraint backs are drawn dashed: the database does not enforce them.
    style: relation.kind === 'foreign_key' ? 'solid' : 'dashed',
    route: route.points.map((p) => ({ x: p.x, y: p.y })),
  };
}

/** An anchor in board coordinates as Miro's relative `position` on its box, clamped to the box. */
function relativeAttach(anchor: Point, box: Box): Point {
  return {
    x: roundTo(clamp01(box.width === 0 ? 0.5 : (anchor.x - box.x) / box.width), ATTACH_DECIMALS),
    y: roundTo(clamp01(box.height === 0 ? 0.5 : (anchor.y - box.y) / box.height), ATTACH_DECIMALS),
  };
}

function indexBoxes(diagram: Diagram, layout: Layout): Map<string, TableBox> {
  const boxes = new Map(layout.tables.map((box) => [box.id, box]));
  const wanted = new Set(diagram.tables.map((t) => t.id));
  for (const table of diagram.tables) {
    if (!boxes.has(table.id)) throw mismatch(`no box for table ${table.id}`);
  }
  for (const box of layout.tables) {
    if (!wanted.has(box.id)) throw mismatch(`a box for table ${box.id}, which is not in the diagram`);
  }
  return boxes;
}

function indexRoutes(diagram: Diagram, layout: Layout): Map<string, RelationRoute> {
  const routes = new Map(layout.relations.map((route) => [route.id, route]));
  const wanted = new Set(diagram.relations.map((r) => r.id));
  for (const relation of diagram.relations) {
    if (!routes.has(relation.id)) throw mismatch(`no route for relation ${relation.id}`);
  }
  for (const route of layout.relations) {
    if (!wanted.has(route.id)) throw mismatch(`a route for relation ${route.id}, which is not in the diagram`);
    if (route.points.length < 2) throw mismatch(`route ${route.id} has fewer than two points`);
  }
  return routes;
}

function mismatch(detail: string): SchemaToMiroError {
  return new SchemaToMiroError('usage', `layout does not match the diagram: ${detail}`);
}

/** Everything the layout placed: tables, frames and routes (routes may run outside every box). */
function contentBounds(layout: Layout, tables: SceneTable[], frames: SceneFrame[], connectors: SceneConnector[]): Box {
  // Self-references' circles sit beside their tables, maybe past the routes.
  const boxes = [...tables.map((t) => t.box), ...frames.map((f) => f.box), ...connectors.flatMap((c) => (c.loop ? [c.loop.box] : []))];
  return (
    boundingBox(boxes, connectors.flatMap((c) => c.route)) ?? { x: 0, y: 0, width: layout.width, height: layout.height }
  );
}

function copyCells(cells: TableCells): TableCells {
  return { ...cells, columns: { ...cells.columns }, rows: cells.rows.map((row) => ({ ...row })) };
}

function copyBox(box: Box): Box {
  return { x: box.x, y: box.y, width: box.width, height: box.height };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
