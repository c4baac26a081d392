/**
 * One description of the board, made by the render stage from a diagram and its layout, and drawn by two
 * drawers: the local SVG/HTML preview and the Miro items of the sync. Whatever the preview shows comes
 * from here, so the preview is a faithful picture of the board.
 */
import type { DiagramRow, EndCardinality } from './diagram.js';
import type { Box, Point } from './layout.js';
import type { TableKind } from './schema.js';

export interface BoardScene {
  /** Bounding box of the whole scene in board coordinates (top-left origin, y down). */
  bounds: Box;
  title: SceneText;
  /** Sorted by schema. */
  frames: SceneFrame[];
  /** Sorted by id. */
  tables: SceneTable[];
  /** Sorted by id. */
  connectors: SceneConnector[];
}

export interface SchemaColors {
  /** Header band fill. */
  header: string;
  /** Header text, chosen for contrast with `header`. */
  headerText: string;
  /** Box border and frame tint. */
  border: string;
}

export interface SceneText {
  box: Box;
  /** Plain text lines; drawers escape them for their own markup. */
  lines: string[];
}

export interface SceneFrame {
  /** The schema whose tables the frame holds; for a named diagram's frame, its key `diagram:<name>`. */
  schema: string;
  box: Box;
  title: string;
  colors: SchemaColors;
  /** Set on the frame of a named diagram (config `diagrams`): the diagram's name. */
  diagram?: string;
}

export interface SceneTable {
  /** `schema.table`. */
  id: string;
  schema: string;
  name: string;
  kind: TableKind;
  box: Box;
  /** The header line's text (the table name; schema-qualified when the scene shows several schemas). */
  header: string;
  rows: DiagramRow[];
  colors: SchemaColors;
  /** Change mark for the CI job (set by a later stage; the renderers draw it when present). */
  mark: string | null;
  /**
   * Set on a named diagram's copy of a table: the diagram's name. Its `id` is then `diagram:<name>/<schema.table>`,
   * so that the same table drawn in several diagrams is one item per diagram on the board.
   */
  diagram?: string;
  /** Key of the frame the table sits in, when it is not its schema's (a named diagram's frame). */
  frame?: string;
}

/** Crow's-foot end markers, named after what they mean (drawers map them to their own glyphs). */
export type EndMarker = EndCardinality | 'none';

export interface SceneConnector {
  /** The relation's id (prefixed `diagram:<name>/` in a named diagram, like its tables' ids). */
  id: string;
  from: string;
  to: string;
  /** Attach point on the `from` table, relative to its box: x and y from 0 to 1 (Miro's connector `position`). */
  fromAttach: Point;
  /** Attach point on the `to` table, relative to its box. */
  toAttach: Point;
  startMarker: EndMarker;
  endMarker: EndMarker;
  style: 'solid' | 'dashed';
  /** The layout's orthogonal route in board coordinates, for the preview (Miro routes connectors itself). */
  route: Point[];
}
