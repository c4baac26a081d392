/**
 * The one place that decides how big a table box is and where each of its rows sits.
 *
 * Layout sizes boxes and places relation ports from these numbers; the SVG preview and the Miro renderer
 * draw text with them. Miro neither grows a shape to fit its text nor lets us route connectors, so a
 * monospace font and fixed row heights are what make attach points land on the right rows.
 */
import type { DiagramRow, DiagramTable } from '../model/diagram.js';
import type { RowCells, TableText } from '../model/layout.js';
import { KEY_MARKER_TEXT, NULLABLE_MARK, SCENE_TEXT } from '../model/scene.js';
import { textCells, truncateCells } from '../util/text-cells.js';

export { KEY_MARKER_TEXT, NULLABLE_MARK, headerCenterY, rowCenterY } from '../model/scene.js';
export { textCells, truncateCells } from '../util/text-cells.js';

/** The scene's text metrics (src/model/scene.ts) under the names layout uses. */
export const FONT_SIZE = SCENE_TEXT.fontSize;
export const CHAR_WIDTH = SCENE_TEXT.charWidth;
export const ROW_HEIGHT = SCENE_TEXT.rowHeight;
export const HEADER_HEIGHT = SCENE_TEXT.headerHeight;
export const PADDING_X = SCENE_TEXT.paddingX;
/** Space between the name and type cells. */
export const CELL_GAP = SCENE_TEXT.gapCells * CHAR_WIDTH;
/** Space below the last row. */
export const PADDING_BOTTOM = 8;
/** Boxes are never narrower than this, so short tables still show their name comfortably. */
export const MIN_WIDTH = 160;
/** Names longer than this many cells are cut with an ellipsis; the full name stays in the model. */
export const MAX_CELL_CHARS = 48;

const MARKER_CELLS = SCENE_TEXT.markerCells;

export interface TableMetrics {
  width: number;
  height: number;
  /** Cells reserved for the name column (the widest shown name, capped). */
  nameCells: number;
  /** Cells reserved for the type column (the widest type plus nullable mark, capped). */
  typeCells: number;
}

export function rowTypeText(row: DiagramRow): string {
  if (row.column === null) return '';
  return row.nullable ? `${row.type}${NULLABLE_MARK}` : row.type;
}

export function measureTable(table: Pick<DiagramTable, 'name' | 'rows'>, header = table.name): TableMetrics {
  let nameCells = 0;
  let typeCells = 0;
  for (const row of table.rows) {
    // The table's comment line takes the box's width as it is, cut to fit; it does not widen the name column.
    if (row.tableComment) continue;
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

/** The three cells of a row as they are drawn: key marker (padded), name (cut to fit), type (cut to fit). */
export function rowCells(row: DiagramRow, metrics: TableMetrics): RowCells {
  if (row.tableComment) {
    // The whole line from the marker column on, cut with "…".
    return { marker: '', name: truncateCells(row.label, Math.max(1, Math.floor((metrics.width - 2 * PADDING_X) / CHAR_WIDTH))), type: '' };
  }
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

/**
 * The table's text as drawn in its measured box: the header cut to the box (the full name stays in the
 * model), each row's cells cut to their columns. Layout hands this on in the Layout, so no later stage
 * measures text again.
 */
export function tableText(table: Pick<DiagramTable, 'rows'>, header: string, metrics: TableMetrics): TableText {
  const headerCells = Math.max(1, Math.floor((metrics.width - 2 * PADDING_X) / CHAR_WIDTH));
  return {
    header: truncateCells(header, headerCells),
    cells: {
      nameCells: metrics.nameCells,
      typeCells: metrics.typeCells,
      columns: cellOffsets(metrics),
      rows: table.rows.map((row) => rowCells(row, metrics)),
    },
  };
}
