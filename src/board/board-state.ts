/**
 * Reads a board as listed by the Miro API and recognises the items schema-to-miro made earlier.
 *
 * Recognition:
 * - shapes, frames and texts carry an invisible signature in their text (src/render/miro-signature.ts)
 *   naming the table, schema frame or title they draw; position, size, colour and the rest of the text
 *   may have been changed by a user and do not matter;
 * - several items with one signature: the one kept is the table its connectors attach to (or the frame
 *   holding most items), then the oldest. The others are exact copies left by an interrupted run (same
 *   text, place, size and parent: deleted as duplicates) or copies a user pasted elsewhere (left alone);
 * - connectors are ours when both ends are table shapes of ours and they are drawn with the ERD caps and
 *   stroke our renderer uses; any other connector belongs to the user.
 * Pure: no I/O.
 */
import { OUR_CONNECTOR_CAPS } from './items.js';
import { readSignature, signatureKey, type ItemSignature } from './signature.js';
import { canonicalMiroText } from './item-text.js';
import type { MiroConnector, MiroGenericItem } from '../miro/openapi/index.js';
import type { Box, Point } from '../model/layout.js';
import { compareStrings } from '../util/compare.js';

export interface BoardItemBase {
  itemId: string;
  /** Board coordinates, top-left corner (children of frames converted from frame-relative positions). */
  box: Box;
  parentId: string | null;
  /** Top-left corner of the parent frame in board coordinates, which the item's Miro position is relative to. */
  parentTopLeft: Point | null;
}

export interface OurTableItem extends BoardItemBase {
  tableId: string;
  /** Raw content as Miro returned it. */
  content: string;
}

export interface OurFrameItem extends BoardItemBase {
  schema: string;
  title: string;
}

export interface OurTitleItem extends BoardItemBase {
  content: string;
}

type StrokeCap = string;

export interface OurConnector {
  connectorId: string;
  fromTableId: string;
  toTableId: string;
  /** Relative attach points (0..1); null when the connector snaps to a side instead. */
  fromAttach: Point | null;
  toAttach: Point | null;
  startCap: StrokeCap;
  endCap: StrokeCap;
  strokeStyle: string;
  /** As listed (connectors, unlike items, are listed with their style); tells a change mark (marks.ts). */
  strokeColor: string | null;
}

export interface DuplicateItem {
  itemId: string;
  /** `table:public.film`, `frame:public`, `title`. */
  key: string;
  type: string;
}

export interface BoardState {
  tables: Map<string, OurTableItem>;
  frames: Map<string, OurFrameItem>;
  title: OurTitleItem | null;
  /** Sorted by id. */
  connectors: OurConnector[];
  /** Exact copies of our items (an interrupted run's leftovers), to delete. Sorted by id. */
  duplicates: DuplicateItem[];
  /** Exact copies of our connectors, to delete. Sorted. */
  duplicateConnectors: string[];
  /** Boxes of everything else on the board (user items, user copies of ours), for placing new items. */
  foreignBoxes: Box[];
  foreignItems: number;
  foreignConnectors: number;
  /** Item ids inside each frame (by frame id). */
  frameChildren: Map<string, string[]>;
}

interface ReadItem extends BoardItemBase {
  raw: MiroGenericItem;
  signature: ItemSignature | null;
  text: string;
}

export function readBoardState(items: readonly MiroGenericItem[], connectors: readonly MiroConnector[]): BoardState {
  const read = readItems(items);
  const frameChildren = new Map<string, string[]>();
  for (const item of read) {
    if (item.parentId === null) continue;
    const children = frameChildren.get(item.parentId) ?? [];
    children.push(item.itemId);
    frameChildren.set(item.parentId, children);
  }
  const attachedCount = new Map<string, number>();
  for (const connector of connectors) {
    for (const id of [connector.startItem?.id, connector.endItem?.id]) {
      if (id !== undefined) attachedCount.set(id, (attachedCount.get(id) ?? 0) + 1);
    }
  }

  const groups = new Map<string, ReadItem[]>();
  const foreign: ReadItem[] = [];
  for (const item of read) {
    const expectedType = item.signature === null ? null : SIGNATURE_ITEM_TYPE[item.signature.kind];
    if (item.signature === null || item.raw.type !== expectedType) {
      foreign.push(item);
      continue;
    }
    const key = signatureKey(item.signature);
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }

  const state: BoardState = {
    tables: new Map(),
    frames: new Map(),
    title: null,
    connectors: [],
    duplicates: [],
    duplicateConnectors: [],
    foreignBoxes: [],
    foreignItems: 0,
    foreignConnectors: 0,
    frameChildren,
  };

  for (const [key, group] of [...groups].sort(([a], [b]) => compareStrings(a, b))) {
    const weight = (item: ReadItem): number =>
      item.raw.type === 'frame' ? (frameChildren.get(item.itemId)?.length ?? 0) : (attachedCount.get(item.itemId) ?? 0);
    const ranked = [...group].sort(
      (a, b) => weight(b) - weight(a) || compareStrings(a.raw.createdAt ?? '', b.raw.createdAt ?? '') || compareIds(a.itemId, b.itemId),
    );
    const kept = ranked[0]!;
    for (const other of ranked.slice(1)) {
      if (isExactCopy(other, kept)) state.duplicates.push({ itemId: other.itemId, key, type: other.raw.type });
      else foreign.push(other);
    }
    const signature = kept.signature!;
    const base: BoardItemBase = { itemId: kept.itemId, box: kept.box, parentId: kept.parentId, parentTopLeft: kept.parentTopLeft };
    if (signature.kind === 'table') state.tables.set(signature.tableId, { ...base, tableId: signature.tableId, content: kept.text });
    else if (signature.kind === 'frame') state.frames.set(signature.schema, { ...base, schema: signature.schema, title: kept.text });
    else state.title = { ...base, content: kept.text };
  }
  state.duplicates.sort((a, b) => compareIds(a.itemId, b.itemId));

  state.foreignItems = foreign.length;
  state.foreignBoxes = foreign.map((item) => item.box);

  const tableOfItem = new Map([...state.tables.values()].map((table) => [table.itemId, table.tableId]));
  const seen = new Map<string, string>();
  for (const connector of [...connectors].sort((a, b) => compareIds(a.id, b.id))) {
    const ours = recogniseConnector(connector, tableOfItem);
    if (ours === null) {
      state.foreignConnectors++;
      continue;
    }
    const identity = connectorIdentity(ours);
    if (seen.has(identity)) state.duplicateConnectors.push(ours.connectorId);
    else {
      seen.set(identity, ours.connectorId);
      state.connectors.push(ours);
    }
  }
  return state;
}

/** The item type each signature kind is drawn as; a signature on another type (pasted text) is not ours. */
const SIGNATURE_ITEM_TYPE: Record<ItemSignature['kind'], string> = { table: 'shape', frame: 'frame', title: 'text' };

/** Parses a Miro relative offset (`"42.5%"`) into a fraction; null when absent or unreadable. */
export function parseAttachPercent(value: string | undefined): number | null {
  if (value === undefined) return null;
  const number = Number.parseFloat(value.replace('%', ''));
  return Number.isFinite(number) ? number / 100 : null;
}

function recogniseConnector(connector: MiroConnector, tableOfItem: ReadonlyMap<string, string>): OurConnector | null {
  const fromTableId = connector.startItem?.id === undefined ? undefined : tableOfItem.get(connector.startItem.id);
  const toTableId = connector.endItem?.id === undefined ? undefined : tableOfItem.get(connector.endItem.id);
  if (fromTableId === undefined || toTableId === undefined) return null;
  // Miro's defaults: no start cap, a stealth arrow at the end, a normal stroke.
  const startCap = connector.style?.startStrokeCap ?? 'none';
  const endCap = connector.style?.endStrokeCap ?? 'stealth';
  const strokeStyle = connector.style?.strokeStyle ?? 'normal';
  const capsOurs = OUR_CONNECTOR_CAPS.has(startCap) && OUR_CONNECTOR_CAPS.has(endCap);
  const looksErd = startCap.startsWith('erd_') || endCap.startsWith('erd_') || strokeStyle === 'dashed';
  if (!capsOurs || !looksErd) return null;
  return {
    connectorId: connector.id,
    fromTableId,
    toTableId,
    fromAttach: attachOf(connector.startItem?.position),
    toAttach: attachOf(connector.endItem?.position),
    startCap,
    endCap,
    strokeStyle,
    strokeColor: connector.style?.strokeColor ?? null,
  };
}

function attachOf(position: { x?: string; y?: string } | undefined): Point | null {
  const x = parseAttachPercent(position?.x);
  const y = parseAttachPercent(position?.y);
  return x === null || y === null ? null : { x, y };
}

/** Two connectors with the same identity draw the same thing; the second is a duplicate. */
function connectorIdentity(c: OurConnector): string {
  const point = (p: Point | null): string => (p === null ? '-' : `${p.x.toFixed(4)},${p.y.toFixed(4)}`);
  return [c.fromTableId, c.toTableId, point(c.fromAttach), point(c.toAttach), c.startCap, c.endCap, c.strokeStyle].join('|');
}

function readItems(items: readonly MiroGenericItem[]): ReadItem[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const result: ReadItem[] = [];
  for (const raw of items) {
    const parent = raw.parent?.id === undefined ? undefined : byId.get(raw.parent.id);
    const origin = parent === undefined ? { x: 0, y: 0 } : topLeftOf(parent);
    const width = raw.geometry?.width ?? 0;
    const height = raw.geometry?.height ?? 0;
    const box: Box = {
      x: origin.x + (raw.position?.x ?? 0) - width / 2,
      y: origin.y + (raw.position?.y ?? 0) - height / 2,
      width,
      height,
    };
    const data = (raw.data ?? {}) as { content?: string; title?: string };
    const text = raw.type === 'frame' ? (data.title ?? '') : (data.content ?? '');
    result.push({
      itemId: raw.id,
      box,
      parentId: parent === undefined ? null : parent.id,
      parentTopLeft: parent === undefined ? null : origin,
      raw,
      signature: readSignature(text),
      text,
    });
  }
  return result.sort((a, b) => compareIds(a.itemId, b.itemId));
}

/** Frames sit on the canvas (Miro does not nest frames), so their position is absolute. */
function topLeftOf(frame: MiroGenericItem): Point {
  return {
    x: (frame.position?.x ?? 0) - (frame.geometry?.width ?? 0) / 2,
    y: (frame.position?.y ?? 0) - (frame.geometry?.height ?? 0) / 2,
  };
}

function isExactCopy(a: ReadItem, b: ReadItem): boolean {
  const near = (x: number, y: number): boolean => Math.abs(x - y) < 1;
  return (
    a.raw.type === b.raw.type &&
    a.parentId === b.parentId &&
    canonicalMiroText(a.text) === canonicalMiroText(b.text) &&
    near(a.box.x, b.box.x) &&
    near(a.box.y, b.box.y) &&
    near(a.box.width, b.box.width) &&
    near(a.box.height, b.box.height)
  );
}

/** Miro ids are decimal strings of varying length: shorter first, then lexicographic (numeric order). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || compareStrings(a, b);
}
