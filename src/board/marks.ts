/**
 * Change marks: tables added or changed by the latest run show a coloured border and a line
 * "changed in <migration>" in their header, until a run that changes nothing in them clears it.
 * Relations added or changed are drawn in the mark colour (connectors are listed with their style, so
 * the colour itself tells a marked relation).
 *
 * The mark lives in the header paragraph (SceneTable.mark, drawn by board/items.ts), so it never
 * shifts the rows connectors attach to; the marked box is widened just enough for the header and the
 * mark to fit on one line (relation attach points sit on the left and right edges, so a wider box keeps
 * them on their rows). Miro's item listing returns no styles, so a mark is recognised from the text.
 * Pure: no I/O.
 */
import type { MiroShapeUpdateRequest } from '../miro/openapi/index.js';
import { changeMarkColor, SCENE_TEXT, type BoardScene, type SceneTable } from '../model/scene.js';
import { textCells } from '../util/text-cells.js';
import { tableStyle } from './items.js';
import type { BoardState, OurTableItem } from './board-state.js';

/** The colour of a change mark, on borders and on relations' lines. */
export const MARK_COLOR = changeMarkColor('changed');
/** A marked box's border: wide enough to see from afar. */
const MARK_BORDER_WIDTH = '6';
/** A mark is an emphasised run after the header's bold name: `<strong>name</strong> <em>changed …</em>`. */
const MARK_IN_CONTENT = /(<\/strong>)\s*<em>([^<]*)<\/em>/;

/** The mark text on a table shape of ours, or null. */
export function markOnBoard(content: string): string | null {
  const match = MARK_IN_CONTENT.exec(firstParagraph(content));
  return match === null ? null : decodeBasicEntities(match[2]!).trim() || null;
}

/** The board as it would read without any marks: what the schema comparison looks at. */
export function withoutMarks(state: BoardState): BoardState {
  const tables = new Map<string, OurTableItem>();
  for (const [id, item] of state.tables) {
    tables.set(id, markOnBoard(item.content) === null ? item : { ...item, content: stripMark(item.content) });
  }
  return { ...state, tables };
}

/** The scene with `mark` on the tables in `marked`, each box widened to fit its header and mark. */
export function markScene(scene: BoardScene, marked: ReadonlySet<string>, mark: string): BoardScene {
  if (marked.size === 0) return scene;
  return { ...scene, tables: scene.tables.map((table) => (marked.has(table.id) ? markTable(table, mark) : table)) };
}

function markTable(table: SceneTable, mark: string): SceneTable {
  const cells = textCells(table.header) + 1 + textCells(mark);
  const width = Math.max(table.box.width, Math.ceil(2 * SCENE_TEXT.paddingX + cells * SCENE_TEXT.charWidth));
  return { ...table, mark, box: { ...table.box, width } };
}

/** The border a shape update sets: the mark's colour on a marked table, the table's own otherwise. */
export function markBorder(table: SceneTable): NonNullable<MiroShapeUpdateRequest['style']> {
  if (table.mark !== null) return { borderColor: MARK_COLOR, borderWidth: MARK_BORDER_WIDTH };
  const style = tableStyle(table);
  return { borderColor: style.borderColor!, borderWidth: style.borderWidth! };
}

function stripMark(content: string): string {
  const first = firstParagraph(content);
  return first.replace(MARK_IN_CONTENT, '$1') + content.slice(first.length);
}

function firstParagraph(content: string): string {
  const end = content.indexOf('</p>');
  return end < 0 ? content : content.slice(0, end + 4);
}

function decodeBasicEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}
