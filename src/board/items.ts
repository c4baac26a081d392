/**
 * The board drawer: scene elements as Miro REST request bodies (shapes for tables, elbowed connectors
 * with ERD caps for relations, frames for schemas, a text for the title).
 *
 * Miro neither grows a shape to fit its text nor takes connector waypoints: it routes connectors itself
 * between attach points given relative to each shape. So every table is a monospace shape exactly the
 * size of its scene box, its text one paragraph per row as the scene spells it, and the
 * connectors attach at the scene's relative points, which then fall on the right rows.
 */
import type { Box, Point } from '../model/layout.js';
import { SCENE_TEXT, type EndMarker, type SceneConnector, type SceneFrame, type SceneLoop, type SceneTable, type SceneText } from '../model/scene.js';
import { tint } from '../util/color.js';
import { textCells } from '../util/text-cells.js';
import type {
  MiroConnectorCreationData,
  MiroFrameCreateRequest,
  MiroItemCreate,
  MiroShapeCreateRequest,
  MiroTextCreateRequest,
  components,
} from '../miro/openapi/index.js';
import { signatureText, type ItemSignature } from './signature.js';
import { escapeMiroHtml, preserveSpaces } from './item-text.js';
import { round2 } from '../util/round.js';

type StrokeCap = NonNullable<components['schemas']['ConnectorStyle']['endStrokeCap']>;
type ShapeStyle = NonNullable<MiroShapeCreateRequest['style']>;
type ConnectorStyle = NonNullable<MiroConnectorCreationData['style']>;

/** Monospace, so the measured cells are what Miro draws. */
export const MIRO_TABLE_FONT = 'roboto_mono' as const;
const TEXT_COLOR = '#0f172a';
const CONNECTOR_COLOR = '#5b6878';
const TABLE_BORDER_WIDTH = '2';
const CONNECTOR_WIDTH = '2';
/** How far frame and table fills are mixed towards white: a tint of the schema colour behind dark text. */
const TABLE_FILL_TINT = 0.9;
const FRAME_FILL_TINT = 0.94;

/** Where an item goes: its box in board coordinates and, when it sits in a frame, that frame. */
export interface MiroPlacement {
  box: Box;
  /** The parent frame's id and its top-left corner in board coordinates (Miro positions children from there). */
  parent?: { id: string; topLeft: Point };
}

/** Crow's-foot marker as Miro's ERD cap; the same glyphs the preview draws (src/render/crows-foot.ts). */
export function strokeCap(marker: EndMarker): StrokeCap {
  switch (marker) {
    case 'exactly_one':
      return 'erd_only_one';
    case 'zero_or_one':
      return 'erd_zero_or_one';
    case 'zero_or_many':
      return 'erd_zero_or_many';
    case 'none':
      return 'none';
  }
}

/**
 * Every cap a connector of ours can have: how the sync tells our connectors from a user's. `erd_one` and
 * `erd_many` are what earlier versions drew; such connectors are ours too, and are updated to the full caps.
 */
export const OUR_CONNECTOR_CAPS: ReadonlySet<string> = new Set<string>([
  ...(['exactly_one', 'zero_or_one', 'zero_or_many', 'none'] as const).map(strokeCap),
  'erd_one',
  'erd_many',
]);

/** Miro's `position` for an item: its centre, relative to the parent frame's top-left when it has one. */
export function miroPosition(placement: MiroPlacement): { x: number; y: number } {
  const origin = placement.parent?.topLeft ?? { x: 0, y: 0 };
  return {
    x: round2(placement.box.x + placement.box.width / 2 - origin.x),
    y: round2(placement.box.y + placement.box.height / 2 - origin.y),
  };
}

export function tableSignature(table: SceneTable): ItemSignature {
  return { kind: 'table', tableId: table.id };
}

/**
 * The table's text: the header in bold (with its change mark), then one monospace line per row. The
 * signature closes the last line, away from the name: a name copied off the board carries no invisible
 * characters along.
 */
export function tableContent(table: SceneTable): string {
  const { cells } = table;
  const mark = table.mark === null ? '' : ` <em>${escapeMiroHtml(table.mark)}</em>`;
  const header = `<p><strong>${escapeMiroHtml(table.header)}</strong>${mark}</p>`;
  const rows = cells.rows.map((row, index) => {
    // The table's comment line, in italics (the mark's `<em>` sits in the header line, never here).
    if (table.rows[index]?.tableComment) return `<p><em>${escapeMiroHtml(row.name)}</em></p>`;
    const line = [padCells(row.marker, SCENE_TEXT.markerCells), ' ', padCells(row.name, cells.nameCells), ' '.repeat(SCENE_TEXT.gapCells), row.type]
      .join('')
      .trimEnd();
    return `<p>${preserveSpaces(escapeMiroHtml(line))}</p>`;
  });
  const content = header + rows.join('');
  return `${content.slice(0, -'</p>'.length)}${signatureText(tableSignature(table))}</p>`;
}

export function tableStyle(table: SceneTable): ShapeStyle {
  const view = table.kind === 'view' || table.kind === 'materialized_view';
  return {
    fillColor: tint(table.colors.header, TABLE_FILL_TINT),
    fillOpacity: '1',
    borderColor: table.colors.header,
    borderWidth: TABLE_BORDER_WIDTH,
    // Reference boxes are dashed like views: a stand-in, not the table itself.
    borderStyle: view || table.reference ? 'dashed' : 'normal',
    color: TEXT_COLOR,
    fontFamily: MIRO_TABLE_FONT,
    fontSize: String(SCENE_TEXT.fontSize),
    textAlign: 'left',
    textAlignVertical: 'top',
  };
}

export function tableShapeRequest(table: SceneTable, placement: MiroPlacement): MiroShapeCreateRequest {
  return {
    data: { shape: 'rectangle', content: tableContent(table) },
    style: tableStyle(table),
    position: miroPosition(placement),
    geometry: { width: placement.box.width, height: placement.box.height },
    ...(placement.parent ? { parent: { id: placement.parent.id } } : {}),
  };
}

/** The same shape as an entry of a bulk create (POST /items/bulk). */
export function tableBulkItem(table: SceneTable, placement: MiroPlacement): MiroItemCreate {
  const request = tableShapeRequest(table, placement);
  // ItemCreate types data and style as unions over every item type; a shape's fields are one member of each.
  return { type: 'shape', ...request } as MiroItemCreate;
}

export function frameSignature(frame: SceneFrame): ItemSignature {
  return { kind: 'frame', schema: frame.schema };
}

/** A frame title is plain text on the board (not HTML), so it is not escaped. */
export function frameTitle(frame: SceneFrame): string {
  return frame.title + signatureText(frameSignature(frame));
}

export function frameRequest(frame: SceneFrame, box: Box): MiroFrameCreateRequest {
  return {
    data: { format: 'custom', type: 'freeform', title: frameTitle(frame), showContent: true },
    style: { fillColor: tint(frame.colors.header, FRAME_FILL_TINT) },
    position: miroPosition({ box }),
    geometry: { width: box.width, height: box.height },
  };
}

/** The title: the heading in bold, then the counts and legend lines. */
export function titleContent(title: SceneText): string {
  const [heading = '', ...rest] = title.lines;
  const lines = [`<p><strong>${escapeMiroHtml(heading)}</strong>${signatureText({ kind: 'title' })}</p>`];
  // No-break spaces: the legend's wide gaps survive HTML's (and a normalising editor's) space collapsing.
  for (const line of rest) lines.push(`<p>${preserveSpaces(escapeMiroHtml(line))}</p>`);
  return lines.join('');
}

export function titleRequest(title: SceneText, box: Box): MiroTextCreateRequest {
  return {
    data: { content: titleContent(title) },
    style: { color: TEXT_COLOR, fontFamily: MIRO_TABLE_FONT, fontSize: String(SCENE_TEXT.fontSize), textAlign: 'left' },
    position: miroPosition({ box }),
    // Text items take a width only; their height follows the text.
    geometry: { width: Math.max(box.width, 1) },
  };
}

/** Relative attach point as Miro's percentage string (`"42.5%"`). */
export function attachPercent(fraction: number): string {
  return `${round2(fraction * 100)}%`;
}

export function connectorStyle(connector: SceneConnector): ConnectorStyle {
  return {
    startStrokeCap: strokeCap(connector.startMarker),
    endStrokeCap: strokeCap(connector.endMarker),
    strokeColor: CONNECTOR_COLOR,
    strokeWidth: CONNECTOR_WIDTH,
    strokeStyle: connector.style === 'dashed' ? 'dashed' : 'normal',
  };
}

/** The relation from the referencing table's shape (start, with its cap) to the referenced table's shape. */
export function connectorRequest(connector: SceneConnector, fromItemId: string, toItemId: string): MiroConnectorCreationData {
  return {
    startItem: { id: fromItemId, position: { x: attachPercent(connector.fromAttach.x), y: attachPercent(connector.fromAttach.y) } },
    endItem: { id: toItemId, position: { x: attachPercent(connector.toAttach.x), y: attachPercent(connector.toAttach.y) } },
    shape: 'elbowed',
    style: connectorStyle(connector),
  };
}

function padCells(text: string, cells: number): string {
  return text + ' '.repeat(Math.max(0, cells - textCells(text)));
}

/** The circle a self-reference loops through: no visible text, its signature naming the relation. */
export function loopContent(connector: SceneConnector): string {
  return `<p>${signatureText({ kind: 'loop', relationId: connector.id })}</p>`;
}

export function loopItem(connector: SceneConnector, placement: MiroPlacement): MiroItemCreate {
  const request: MiroShapeCreateRequest = {
    data: { shape: 'circle', content: loopContent(connector) },
    style: { fillColor: '#ffffff', fillOpacity: '1', borderColor: CONNECTOR_COLOR, borderWidth: CONNECTOR_WIDTH, borderStyle: 'normal' },
    position: miroPosition(placement),
    geometry: { width: placement.box.width, height: placement.box.height },
    ...(placement.parent ? { parent: { id: placement.parent.id } } : {}),
  };
  // As in tableBulkItem: a shape's fields are one member of ItemCreate's unions.
  return { type: 'shape', ...request } as MiroItemCreate;
}

/** Which leg of a loop: out from the FK row to the circle (the referencing end's cap), or back to the key row. */
export type LoopLeg = 'out' | 'back';

/** A leg of a self-reference's loop (`connector.loop`), between the table's shape and the loop's circle. */
export function loopLegRequest(connector: SceneConnector, loop: SceneLoop, leg: LoopLeg, tableItemId: string, loopItemId: string): MiroConnectorCreationData {
  const style = connectorStyle(connector);
  const at = (point: Point): { x: string; y: string } => ({ x: attachPercent(point.x), y: attachPercent(point.y) });
  if (leg === 'out') {
    return {
      startItem: { id: tableItemId, position: at(connector.fromAttach) },
      endItem: { id: loopItemId, position: at(loop.outAttach) },
      shape: 'elbowed',
      style: { ...style, endStrokeCap: 'none' },
    };
  }
  return {
    startItem: { id: loopItemId, position: at(loop.backAttach) },
    endItem: { id: tableItemId, position: at(connector.toAttach) },
    shape: 'elbowed',
    style: { ...style, startStrokeCap: 'none' },
  };
}
