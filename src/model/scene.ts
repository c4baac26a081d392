/**
 * One description of the board, made by the scene stage (src/scene/) from a diagram and its layout, and
 * drawn by two drawers: the local SVG/HTML preview (src/render/) and the Miro items (src/board/). It is the
 * complete drawing contract: every box, every text cell as printed, every attach point and cap, and the
 * text metrics below. No drawer lays out text or imports layout (the preview only counts cells to pin SVG
 * text lengths); whatever the preview shows comes from here, so the preview is a faithful picture of the board.
 */
import type { DiagramRow, EndCardinality, KeyMarker } from './diagram.js';
import type { Box, Point, TableCells } from './layout.js';
import type { TableKind } from './schema.js';

export type { RowCells, TableCells } from './layout.js';

const FONT_SIZE = 14;

/**
 * How text is set on the board, the same for every drawer: one monospace font and a fixed row pitch, so
 * that attach points computed from row indexes land on the rows both drawers print. Layout sizes boxes
 * from these (src/layout/measure.ts); the drawers place text with them.
 */
export const SCENE_TEXT = {
  /** Font size of table text, in board units (Miro `fontSize`). */
  fontSize: FONT_SIZE,
  /** Advance width of one monospace cell (Roboto Mono / IBM Plex Mono advance is 0.6 em). */
  charWidth: FONT_SIZE * 0.6,
  /** The row pitch: height of one column row, and the line height of the title's smaller lines. */
  rowHeight: 22,
  /** Height of the header band holding the table name. */
  headerHeight: 32,
  /** Horizontal space between the box edge and its text. */
  paddingX: 12,
  /** Cells of the key-marker column (`PK`, `FK`…). */
  markerCells: 2,
  /** Cells between a row's name and its type. */
  gapCells: 2,
  /** The title's first line (the diagram's title) is a heading in a larger size. */
  titleFontSize: 28,
  titleLineHeight: 40,
} as const;

/** Distance from a box's top edge to the middle of row `index` (0-based), where relations attach. */
export function rowCenterY(index: number): number {
  return SCENE_TEXT.headerHeight + index * SCENE_TEXT.rowHeight + SCENE_TEXT.rowHeight / 2;
}

/** Distance from a box's top edge to the middle of the header, where view dependencies attach. */
export function headerCenterY(): number {
  return SCENE_TEXT.headerHeight / 2;
}

/** Marker cell text per key kind; always two cells wide so names line up. */
export const KEY_MARKER_TEXT: Record<Exclude<KeyMarker, null>, string> = {
  pk: 'PK',
  fk: 'FK',
  pk_fk: 'PF',
  unique: 'UK',
};
/** Appended to the type of a nullable column. */
export const NULLABLE_MARK = '?';

/** Colour of a change mark: known CI words get their usual colours, anything else magenta. */
export function changeMarkColor(mark: string): string {
  const word = mark.trim().toLowerCase();
  if (/^(added|new|created)\b/.test(word)) return '#16a34a';
  if (/^(removed|deleted|dropped)\b/.test(word)) return '#dc2626';
  if (/^(changed|modified|altered|updated)\b/.test(word)) return '#d97706';
  return '#db2777';
}

const DIAGRAM_PREFIX = 'diagram:';

/** The id of `id` (a table or relation) in named diagram `name`. */
export function idInDiagram(name: string, id: string): string {
  return `${DIAGRAM_PREFIX}${name}/${id}`;
}

/** The key of named diagram `name`'s frame (`SceneFrame.schema`). */
export function diagramFrameKey(name: string): string {
  return `${DIAGRAM_PREFIX}${name}`;
}

/** The whole schema's id of a copy (`diagram:Orders/public.orders` -> `public.orders`); other ids as they are. */
export function baseIdOf(id: string): string {
  if (!isDiagramCopyId(id)) return id;
  const slash = id.indexOf('/', DIAGRAM_PREFIX.length);
  return slash < 0 ? id : id.slice(slash + 1);
}

/** True for ids of named diagrams' copies: reports list changes of the whole schema only. */
export function isDiagramCopyId(id: string): boolean {
  return id.startsWith(DIAGRAM_PREFIX);
}

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
  /** One per frame whose tables show enum types (one for a diagram drawn without frames). Sorted by id. */
  enumLegends: SceneEnumLegend[];
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
  /** Index of the line that is the key-marker legend, which drawers may colour like the rows' markers. */
  legendLine?: number;
  /** Index of the line that is the relation-ends legend (`END_MARKER_TEXT` tokens), where the preview draws the glyphs. */
  endsLegendLine?: number;
}

export interface SceneFrame {
  /**
   * The frame's key: the schema whose tables it holds; for a named diagram's frame `diagram:<name>`; for a
   * subject area's frame `area:<area key>` (see areaFrameKey).
   */
  schema: string;
  box: Box;
  title: string;
  colors: SchemaColors;
  /** Set on the frame of a named diagram (config `diagrams`): the diagram's name. */
  diagram?: string;
  /** Set on a subject area's frame: the area's key (`schema/slug`). */
  area?: string;
}

const AREA_PREFIX = 'area:';

/** The key of a subject area's frame (`SceneFrame.schema`, and `SceneTable.frame` of its tables). */
export function areaFrameKey(areaKey: string): string {
  return `${AREA_PREFIX}${areaKey}`;
}

/** A reference box: a small box standing, in another frame, for a table drawn elsewhere. */
export interface SceneReference {
  /** The table it stands for (`schema.table`). */
  table: string;
  /** Key of the frame where that table is drawn, and its title ("→ see <title>"). */
  targetFrame: string;
  targetTitle: string;
}

export interface SceneTable {
  /** `schema.table`. */
  id: string;
  schema: string;
  name: string;
  kind: TableKind;
  box: Box;
  /** The header line as drawn (the table name; schema-qualified when the scene shows several schemas; cut to the box). */
  header: string;
  rows: DiagramRow[];
  /** The rows' text as drawn, with the columns' widths and offsets (from layout's measurement). */
  cells: TableCells;
  colors: SchemaColors;
  /** Change mark for the CI job (set by a later stage; the renderers draw it when present). */
  mark: string | null;
  /**
   * Set on a named diagram's copy of a table: the diagram's name. Its `id` is then `diagram:<name>/<schema.table>`,
   * so that the same table drawn in several diagrams is one item per diagram on the board.
   */
  diagram?: string;
  /** Key of the frame the table sits in, when it is not its schema's (a named diagram's or a subject area's frame). */
  frame?: string;
  /**
   * Set on a reference box: it is drawn like its table (same colours, its header), with a dashed border and
   * one row "→ see <area>"; its `id` is `ref:<frame>/<table>` and relations from its frame end at it.
   */
  reference?: SceneReference;
}

/** Crow's-foot end markers, named after what they mean (drawers map them to their own glyphs). */
export type EndMarker = EndCardinality | 'none';

export interface SceneConnector {
  /** The relation's id (prefixed `diagram:<name>/` in a named diagram, like its tables' ids). */
  id: string;
  from: string;
  /** The item it ends at: the referenced table, or the reference box standing for it in `from`'s frame. */
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
  /** Set on a self-reference (`from` = `to`): the circle it loops through, as both drawers draw it. */
  loop?: SceneLoop;
}

/**
 * A self-reference drawn through a small circle beside its table: one leg from the FK row (`fromAttach`) to
 * the circle, one from the circle back to the key row (`toAttach`). Miro refuses a connector whose two ends
 * are the same item; the preview draws the same figure.
 */
export interface SceneLoop {
  /** The circle, board coordinates; it moves with its table. */
  box: Box;
  /** Where the out leg meets the circle and where the back leg leaves it, relative to the circle's box (0..1). */
  outAttach: Point;
  backAttach: Point;
}

/** Diameter of a self-reference's circle. */
export const SELF_LOOP_DIAMETER = 16;

/**
 * The relation ends as text tokens in the title's legend (Miro text has no glyphs; the preview draws the
 * glyph in the token's cells): the line, then the cap at the table's edge on the right.
 */
export const END_MARKER_TEXT: Record<EndCardinality, string> = {
  exactly_one: '--||',
  zero_or_one: '--o|',
  zero_or_many: '--o<',
};

/**
 * A small card listing the enum types the tables of one frame show, with their values (src/scene/enum-legend.ts):
 * inside the frame, clear of its tables; for a diagram drawn without frames, beside the title.
 */
export interface SceneEnumLegend {
  /** `enums:<frame key>` (see enumLegendId); prefixed `diagram:<name>/` in a named diagram, like its tables. */
  id: string;
  /** Key of the frame it sits in (`SceneFrame.schema`); `NO_FRAME_KEY` for a diagram drawn without frames. */
  frame: string;
  box: Box;
  /** The header (`ENUM_LEGEND_HEADER`, drawn bold), then one line per enum type as drawn (`mpaa_rating: G · PG · … 3 more`). */
  lines: string[];
  /** The enum types listed, `schema.name`, in line order. */
  enums: string[];
  colors: SchemaColors;
}

/** The frame key of the enum legend of a diagram drawn without frames. */
export const NO_FRAME_KEY = '';

/** The id of the enum legend in frame `frameKey`. */
export function enumLegendId(frameKey: string): string {
  return `enums:${frameKey}`;
}

/** The first line of every enum legend; both drawers print it bold, and the board recognises a legend by it. */
export const ENUM_LEGEND_HEADER = 'Enum types';
