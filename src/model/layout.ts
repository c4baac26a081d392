/**
 * What the layout stage produces: where every table box, frame and relation route goes, in board
 * coordinates (units are Miro board units, which the preview draws 1:1 as SVG user units; y grows
 * downwards; every x/y is a box's top-left corner). `--out erd.layout.json` writes exactly this.
 */

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
  /** One per schema when the diagram has several schemas, else empty. Sorted by schema. */
  frames: FrameBox[];
  /** Sorted by id. */
  relations: RelationRoute[];
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
}

export interface RelationRoute {
  /** The relation's id (see `DiagramRelation.id`). */
  id: string;
  from: string;
  to: string;
  /** Where the relation leaves the referencing table's box: on its left or right edge, at the row's middle. */
  fromAnchor: Point;
  fromSide: Side;
  /** Where it enters the referenced table's box. */
  toAnchor: Point;
  toSide: Side;
  /** Orthogonal route from `fromAnchor` to `toAnchor`, both included. */
  points: Point[];
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
