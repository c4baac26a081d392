/**
 * What the layout stage produces: where every table box, frame and relation route goes, in board
 * coordinates (units are Miro board units, which the preview draws 1:1 as SVG user units; y grows
 * downwards; every x/y is a box's top-left corner). `--out erd.layout.json` writes exactly this.
 */

import type { DiagramRow } from './diagram.js';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Side = 'left' | 'right' | 'top' | 'bottom';

/** Bumped whenever a field changes meaning or disappears. */
export const LAYOUT_FORMAT_VERSION = 1;

export interface Layout {
  formatVersion: typeof LAYOUT_FORMAT_VERSION;
  /** Bounding box of everything laid out (tables, frames, routes), including the origin-side margin. */
  width: number;
  height: number;
  /** Sorted by id. */
  tables: TableBox[];
  /**
   * One per schema when the diagram has several schemas, else empty; a schema (or a one-schema diagram)
   * split into subject areas has one frame per area instead. Sorted by schema, then area key.
   */
  frames: FrameBox[];
  /** Sorted by id. */
  relations: RelationRoute[];
  /** Reference boxes standing for hub tables in the areas that reference them. Sorted by id. */
  references?: ReferenceBox[];
}

export interface TableBox extends Box {
  /** `schema.table`. */
  id: string;
  /** The box's text as drawn, worked out once when the box was measured (src/layout/measure.ts). */
  text: TableText;
}

/** A table's text as both drawers print it: nothing here is measured again after layout. */
export interface TableText {
  /** The header line as drawn: the table name (schema-qualified when the diagram has several schemas), cut to the box. */
  header: string;
  cells: TableCells;
}

export interface TableCells {
  /** Monospace cells reserved for the name column (the widest shown name, capped). */
  nameCells: number;
  /** Monospace cells reserved for the type column (the widest type plus nullable mark, capped). */
  typeCells: number;
  /** x offsets from the box's left edge where the marker, name and type cells start. */
  columns: { marker: number; name: number; type: number };
  /** Each row's cells as drawn, in row order: key marker, name and type cut to their columns. */
  rows: RowCells[];
}

export interface RowCells {
  marker: string;
  name: string;
  type: string;
}

export interface FrameBox extends Box {
  /** The schema this frame holds. */
  schema: string;
  /** Ids of the tables inside it. */
  tables: string[];
  /** Set on a subject area's frame. */
  area?: AreaFrame;
}

/** A subject area: part of a schema found from its relations (or named in config `areas`). */
export interface AreaFrame {
  /** Stable key, unique on the board: `<schema>/<slug of the area's name>`. */
  key: string;
  /** The frame's title: a configured name, or the area's most central table, "invoices & 11 more". */
  title: string;
}

/**
 * A small box standing for a hub table in an area other than the hub's own: the area's relations to the
 * hub end at it instead of crossing the board. Drawn with the hub's colours and a dashed border.
 */
export interface ReferenceBox extends Box {
  /** `ref:<frame key>/<table id>` (see referenceBoxId). */
  id: string;
  /** The table it stands for. */
  table: string;
  /** Key of the frame it is drawn in: an area key, or a schema for a schema frame. */
  area: string;
  /** Key of the frame where the table itself is drawn, and that frame's title. */
  targetArea: string;
  targetTitle: string;
  /** Its rows: "→ see <targetTitle>", then empty rows that give its relations room to attach apart. */
  rows: DiagramRow[];
  /** Its text as drawn: the table's header, and the rows' cells. */
  text: TableText;
}

const REFERENCE_PREFIX = 'ref:';

/** The id of the reference box standing for `table` in frame `frame`. */
export function referenceBoxId(frame: string, table: string): string {
  return `${REFERENCE_PREFIX}${frame}/${table}`;
}

/** True for ids of reference boxes (which reports do not count as tables). */
export function isReferenceBoxId(id: string): boolean {
  return id.startsWith(REFERENCE_PREFIX);
}

export interface RelationRoute {
  /** The relation's id (see `DiagramRelation.id`). */
  id: string;
  from: string;
  to: string;
  /** Where the relation leaves the referencing table's box: on its left or right edge, at the row's middle. */
  fromAnchor: Point;
  fromSide: Side;
  /** Where it enters the referenced table's box (or its reference box, see `toItem`). */
  toAnchor: Point;
  toSide: Side;
  /** Orthogonal route from `fromAnchor` to `toAnchor`, both included. */
  points: Point[];
  /** Set when the relation ends at a reference box standing for `to`: that box's id. */
  toItem?: string;
}

/** The smallest box holding every box and point given; null when given nothing. */
export function boundingBox(boxes: Iterable<Box>, points: Iterable<Point> = []): Box | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
