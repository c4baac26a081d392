/**
 * The one place that decides how big a table box is and where each of its rows sits.
 *
 * Layout sizes boxes and places relation ports from these numbers; the SVG preview and the Miro renderer
 * draw text with them. Miro neither grows a shape to fit its text nor lets us route connectors, so a
 * monospace font and fixed row heights are what make attach points land on the right rows.
 */
import type { DiagramRow, DiagramTable, KeyMarker } from '../model/diagram.js';

/** Font size of table text, in board units (Miro `fontSize`). */
export const FONT_SIZE = 14;
/** Advance width of one monospace cell (Roboto Mono / IBM Plex Mono advance is 0.6 em). */
export const CHAR_WIDTH = FONT_SIZE * 0.6;
/** Height of one column row; also the line height the renderers use. */
export const ROW_HEIGHT = 22;
/** Height of the header band holding the table name. */
export const HEADER_HEIGHT = 32;
/** Horizontal space between the box edge and its text, and between the name and type cells. */
export const PADDING_X = 12;
export const CELL_GAP = 2 * CHAR_WIDTH;
/** Space below the last row. */
export const PADDING_BOTTOM = 8;
/** Boxes are never narrower than this, so short tables still show their name comfortably. */
export const MIN_WIDTH = 160;
/** Names longer than this many cells are cut with an ellipsis; the full name stays in the model. */
export const MAX_CELL_CHARS = 48;

/** Marker cell text per key kind; always two cells wide so names line up. */
export const KEY_MARKER_TEXT: Record<Exclude<KeyMarker, null>, string> = {
  pk: 'PK',
  fk: 'FK',
  pk_fk: 'PF',
  unique: 'UK',
};
const MARKER_CELLS = 2;
/** Appended to the type of a nullable column. */
export const NULLABLE_MARK = '?';

export interface TableMetrics {
  width: number;
  height: number;
  /** Cells reserved for the name column (the widest shown name, capped). */
  nameCells: number;
  /** Cells reserved for the type column (the widest type plus nullable mark, capped). */
  typeCells: number;
}

/**
 * Monospace cells a string occupies: East Asian wide and fullwidth characters take two, combining marks
 * none, everything else one.
 */
export function textCells(text: string): number {
  let cells = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isCombining(cp)) continue;
    cells += isWide(cp) ? 2 : 1;
  }
  return cells;
}

/** Cuts `text` to at most `cells` cells, ending with `…` when something was cut. */
export function truncateCells(text: string, cells: number): string {
  if (textCells(text) <= cells) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = textCells(ch);
    if (used + w > cells - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

export function rowTypeText(row: DiagramRow): string {
  if (row.column === null) return '';
  return row.nullable ? `${row.type}${NULLABLE_MARK}` : row.type;
}

export function measureTable(table: Pick<DiagramTable, 'name' | 'rows'>, header = table.name): TableMetrics {
  let nameCells = 0;
  let typeCells = 0;
  for (const row of table.rows) {
    nameCells = Math.max(nameCells, Math.min(MAX_CELL_CHARS, textCells(row.label)));
    typeCells = Math.max(typeCells, Math.min(MAX_CELL_CHARS, textCells(rowTypeText(row))));
  }
  const rowsWidth =
    2 * PADDING_X + (MARKER_CELLS + 1) * CHAR_WIDTH + nameCells * CHAR_WIDTH + CELL_GAP + typeCells * CHAR_WIDTH;
  // The header is bold; bold monospace keeps the same advance, so cells still measure it.
  const headerWidth = 2 * PADDING_X + Math.min(2 * MAX_CELL_CHARS, textCells(header)) * CHAR_WIDTH;
  const width = Math.ceil(Math.max(MIN_WIDTH, rowsWidth, headerWidth));
  const height = HEADER_HEIGHT + table.rows.length * ROW_HEIGHT + PADDING_BOTTOM;
  return { width, height, nameCells, typeCells };
}

/**
 * The header text a box shows: schema-qualified when the diagram has several schemas. Layout sizes the box
 * with it and both drawers print it, so it lives here with the other measurements.
 */
export function tableHeaderText(table: { schema: string; name: string }, schemaCount: number): string {
  return schemaCount > 1 ? `${table.schema}.${table.name}` : table.name;
}

/** Distance from the box's top edge to the middle of row `index` (0-based), where relations attach. */
export function rowCenterY(index: number): number {
  return HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/** Distance from the box's top edge to the middle of the header, where view dependencies attach. */
export function headerCenterY(): number {
  return HEADER_HEIGHT / 2;
}

/** The three cells of a row as they are drawn: key marker (padded), name (cut to fit), type (cut to fit). */
export function rowCells(row: DiagramRow, metrics: TableMetrics): { marker: string; name: string; type: string } {
  const marker = row.key === null ? '' : KEY_MARKER_TEXT[row.key];
  return {
    marker,
    name: truncateCells(row.label, metrics.nameCells),
    type: truncateCells(rowTypeText(row), metrics.typeCells),
  };
}

/** x offsets (from the box's left edge) where the marker, name and type cells start. */
export function cellOffsets(metrics: TableMetrics): { marker: number; name: number; type: number } {
  const marker = PADDING_X;
  const name = marker + (MARKER_CELLS + 1) * CHAR_WIDTH;
  const type = name + metrics.nameCells * CHAR_WIDTH + CELL_GAP;
  return { marker, name, type };
}

function isCombining(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0x200b ||
    cp === 0x200d
  );
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
