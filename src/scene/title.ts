/**
 * The board's title text: what the diagram is, how big it is, and a one-line legend of the row markers.
 * Its box is measured with the same monospace cells as the tables, so both drawers can size it alike.
 */
import type { Diagram, EndCardinality } from '../model/diagram.js';
import type { Box } from '../model/layout.js';
import type { SceneText } from '../model/scene.js';
import { END_MARKER_TEXT, KEY_MARKER_TEXT, NULLABLE_MARK, SCENE_TEXT } from '../model/scene.js';
import { textCells, truncateCells } from '../util/text-cells.js';

const { charWidth: CHAR_WIDTH, fontSize: FONT_SIZE, rowHeight: ROW_HEIGHT } = SCENE_TEXT;
/** The first line (the diagram's title) is a heading; the others use the table font. */
export const TITLE_FONT_SIZE = SCENE_TEXT.titleFontSize;
export const TITLE_LINE_HEIGHT = SCENE_TEXT.titleLineHeight;
const TITLE_CHAR_WIDTH = TITLE_FONT_SIZE * (CHAR_WIDTH / FONT_SIZE);
/** Space between the title's bottom and the top of the diagram: room for frame labels drawn above frames. */
export const TITLE_GAP = 48;
/** Long database names are cut so the heading never becomes a banner wider than the diagram needs. */
const MAX_TITLE_CELLS = 80;

export const LEGEND_LINE = [
  `${KEY_MARKER_TEXT.pk} primary key`,
  `${KEY_MARKER_TEXT.fk} foreign key`,
  `${KEY_MARKER_TEXT.pk_fk} primary + foreign key`,
  `${KEY_MARKER_TEXT.unique} unique`,
  `${NULLABLE_MARK} nullable`,
].join('  ·  ');

/** Added to the legend when the diagram holds relations that no constraint backs. */
export const NOT_ENFORCED_LEGEND = '- - - dashed: relation not enforced (declared in the config or inferred from column names)';

/**
 * The relation ends, each as a text token the board shows as it is (Miro text has no glyphs) and the
 * preview replaces by the drawn glyph, in the same width (crows-foot.ts): the line, then the cap at the
 * table's edge on the right.
 */
const END_LEGEND: readonly { marker: EndCardinality; label: string }[] = [
  { marker: 'exactly_one', label: 'exactly one' },
  { marker: 'zero_or_one', label: 'zero or one' },
  { marker: 'zero_or_many', label: 'zero or many' },
];

export const ENDS_LEGEND_PREFIX = 'relation ends:  ';
export const ENDS_LEGEND_LINE = ENDS_LEGEND_PREFIX + END_LEGEND.map((end) => `${END_MARKER_TEXT[end.marker]} ${end.label}`).join('  ·  ');

/** The legend of a board drawn in subject areas, after the key-marker legend. */
export const REFERENCE_LEGEND_LINE = 'Frames are subject areas  ·  a dashed box "→ see <area>" stands for a table drawn in that area';

/** The title lines: heading, counts (subject areas among them), legend. */
export function titleLines(diagram: Diagram, drawn: { areas?: number; references?: number } = {}): string[] {
  // One line on the board whatever the title holds: runs of whitespace (newlines included) become one space.
  const oneLine = diagram.title.replace(/\s+/g, ' ').trim();
  const heading = truncateCells(oneLine === '' ? 'Database schema' : oneLine, MAX_TITLE_CELLS);
  const counts = [
    plural(diagram.schemas.length, 'schema'),
    plural(diagram.tables.length, 'table'),
    plural(diagram.relations.length, 'relation'),
  ];
  if ((drawn.areas ?? 0) > 0) counts.push(plural(drawn.areas ?? 0, 'subject area'));
  if (diagram.droppedRelations > 0) counts.push(`${diagram.droppedRelations} filtered out`);
  const lines = [heading, counts.join('  ·  '), LEGEND_LINE, ENDS_LEGEND_LINE];
  if ((drawn.references ?? 0) > 0) lines.push(REFERENCE_LEGEND_LINE);
  if (diagram.relations.some((r) => r.kind === 'declared' || r.kind === 'inferred')) lines.push(NOT_ENFORCED_LEGEND);
  return lines;
}

/** The title placed with its bottom-left `TITLE_GAP` above `topLeft` (the diagram's top-left corner). */
export function placeTitle(lines: string[], topLeft: { x: number; y: number }): SceneText {
  const size = titleSize(lines);
  const box: Box = { x: topLeft.x, y: topLeft.y - TITLE_GAP - size.height, width: size.width, height: size.height };
  const legendLine = lines.indexOf(LEGEND_LINE);
  const endsLegendLine = lines.indexOf(ENDS_LEGEND_LINE);
  return { box, lines, ...(legendLine >= 0 ? { legendLine } : {}), ...(endsLegendLine >= 0 ? { endsLegendLine } : {}) };
}

function titleSize(lines: readonly string[]): { width: number; height: number } {
  let width = 0;
  lines.forEach((line, index) => {
    const charWidth = index === 0 ? TITLE_CHAR_WIDTH : CHAR_WIDTH;
    width = Math.max(width, textCells(line) * charWidth);
  });
  const height = lines.length === 0 ? 0 : TITLE_LINE_HEIGHT + (lines.length - 1) * ROW_HEIGHT;
  return { width: Math.ceil(width), height };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
