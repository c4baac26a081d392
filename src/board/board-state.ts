/**
 * Reads a board as listed by the Miro API and recognises the items schema-to-miro made earlier.
 *
 * Recognition, in layers:
 * - shapes, frames and texts carry an invisible signature in their text (signature.ts)
 *   naming the table, schema frame or title they draw; position, size, colour and the rest of the text
 *   may have been changed by a user and do not matter;
 * - an item without a readable signature is recognised by what it shows (visible-identity.ts), given the
 *   scene's names: adopted, never drawn a second time;
 * - several items claiming one element: see `Claims` below;
 * - connectors are ours when both ends are table shapes of ours and they are drawn with the ERD caps and
 *   stroke our renderer uses; any other connector belongs to the user.
 * Pure: no I/O.
 */
import { OUR_CONNECTOR_CAPS } from './items.js';
import { readSignature, signatureKey, type ItemSignature } from './signature.js';
import { canonicalMiroText, canonicalPlainText } from './item-text.js';
import type { MiroConnector, MiroGenericItem } from '../miro/openapi/index.js';
import type { Box, Point } from '../model/layout.js';
import { SELF_LOOP_DIAMETER } from '../model/scene.js';
import { compareStrings } from '../util/compare.js';
import { shownEnumLegendId, type OurEnumLegendItem } from './enum-legends.js';
import { areaTitleStem } from '../model/diagram.js';
import { headerOnBoard, headingOnBoard, inFrameKey, NO_FRAME, shownFrameKey, shownTableId, type VisibleNames } from './visible-identity.js';

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

export interface OurLoopItem extends BoardItemBase {
  relationId: string;
  /** The table its legs attach to (null when it has no legs left). */
  tableId: string | null;
}

export interface OurLoopLeg extends OurConnector {
  relationId: string;
  /** `out`: from the table's FK row to the circle; `back`: from the circle to the key row. */
  leg: 'out' | 'back';
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
  /** The circles self-references loop through (`SceneConnector.loop`), by relation id. */
  loops: Map<string, OurLoopItem>;
  /** The legs of those loops (connectors between a table of ours and a loop circle). Sorted by id. */
  loopLegs: OurLoopLeg[];
  /** How the items of ours were recognised (visible-identity.ts). */
  identity: BoardIdentity;
  /** Kinds of element (`table`, `frame`…) of which at least one item is recognised by its signature. */
  signedKinds: Set<ItemSignature['kind']>;
  /** The kind of element each adopted key (`identity.adopted`) names. */
  adoptedKinds: Map<string, ItemSignature['kind']>;
  /** The enum legends (enum-legends.ts), by legend id. */
  enumLegends: Map<string, OurEnumLegendItem>;
  /** Headers shown by shapes that are not ours (pasted copies, items whose text lost its shape): header -> count. */
  foreignHeaders: Map<string, number>;
}

export interface BoardIdentity {
  /** Items of ours recognised by their signature. */
  signed: number;
  /** Keys (`table:public.film`, `frame:public`, `title`) of items recognised by what they show, sorted. */
  adopted: string[];
  /** Elements several items claimed: the one kept, and the others (left alone). Sorted by key. */
  claims: { key: string; keptItemId: string; otherItemIds: string[] }[];
}

interface ReadItem extends BoardItemBase {
  raw: MiroGenericItem;
  signature: ItemSignature | null;
  text: string;
}

export function readBoardState(
  items: readonly MiroGenericItem[],
  connectors: readonly MiroConnector[],
  names?: VisibleNames,
): BoardState {
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
    loops: new Map(),
    loopLegs: [],
    identity: { signed: 0, adopted: [], claims: [] },
    foreignHeaders: new Map(),
    enumLegends: new Map(),
    signedKinds: new Set(),
    adoptedKinds: new Map(),
  };

  // Layer 1, the signature: every item whose text names the element it draws.
  const claims = new Claims();
  const unsigned: ReadItem[] = [];
  for (const item of read) {
    const expectedType = item.signature === null ? null : SIGNATURE_ITEM_TYPE[item.signature.kind];
    if (item.signature !== null && item.raw.type === expectedType) claims.add(signatureKey(item.signature), item.signature, item, 'signature');
    else unsigned.push(item);
  }
  // Layer 2, what is visible, for items without a readable signature: frames by title first (a table is
  // known by its header within its frame), then table shapes, then the title text.
  const leftover: ReadItem[] = [];
  if (names !== undefined) {
    const textOf = new Map(read.map((item) => [item.itemId, item.text]));
    for (const item of unsigned) {
      const children = (): string[] => (frameChildren.get(item.itemId) ?? []).map((id) => textOf.get(id) ?? '');
      const schema =
        item.raw.type !== 'frame'
          ? undefined
          : (names.frames.get(canonicalPlainText(item.text)) ??
            names.areaFrames.get(areaTitleStem(canonicalPlainText(item.text))) ??
            shownFrameKey(item.text, children()) ??
            undefined);
      if (schema !== undefined) claims.add(`frame:${schema}`, { kind: 'frame', schema }, item, 'visible');
      else leftover.push(item);
    }
  } else leftover.push(...unsigned);
  const weight = (item: ReadItem): number =>
    item.raw.type === 'frame' ? (frameChildren.get(item.itemId)?.length ?? 0) : (attachedCount.get(item.itemId) ?? 0);
  const foreign: ReadItem[] = [];
  const frameKeyOfItem = new Map<string, string>();
  for (const resolved of claims.resolve((key) => key.startsWith('frame:'), weight, state, foreign)) {
    if (resolved.signature.kind === 'frame') frameKeyOfItem.set(resolved.item.itemId, resolved.signature.schema);
  }
  const rest: ReadItem[] = [];
  const elsewhere: ReadItem[] = [];
  const copies = new Map<string, ReadItem[]>();
  // An enum legend is known by its header within its frame of ours (or outside every frame).
  const legendIdOf = (item: ReadItem): string | null =>
    names === undefined || item.raw.type !== 'shape'
      ? null
      : shownEnumLegendId(item.text, item.parentId === null ? NO_FRAME : frameKeyOfItem.get(item.parentId), names);
  for (const item of leftover) {
    const copyKey = names === undefined ? undefined : copyGroupOf(item, names, frameKeyOfItem);
    if (copyKey !== undefined) {
      copies.set(copyKey, [...(copies.get(copyKey) ?? []), item]);
      continue;
    }
    const tableId = names === undefined ? undefined : adoptedTableId(item, names, frameKeyOfItem, 'in place');
    if (tableId !== undefined) claims.add(`table:${tableId}`, { kind: 'table', tableId }, item, 'visible');
    else if (names?.heading != null && item.raw.type === 'text' && headingOnBoard(item.text) === names.heading) {
      claims.add('title', { kind: 'title' }, item, 'visible');
    } else if (legendIdOf(item) !== null) {
      const legendId = legendIdOf(item)!;
      claims.add(legendId, { kind: 'enums', legendId }, item, 'visible');
    } else if (item.raw.type === 'shape' && item.parentId !== null && frameKeyOfItem.has(item.parentId)) elsewhere.push(item);
    else rest.push(item);
  }
  // Copies of one reference box in one frame look alike: matched to the scene's in reading order of their
  // places; a shape more than the scene has is a copy it no longer draws (a fresh id, so it is pruned).
  for (const [key, group] of [...copies.entries()].sort((a, b) => compareStrings(a[0], b[0]))) {
    const ids = names?.copiesInFrame.get(key) ?? [];
    const ordered = [...group].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x || compareIds(a.itemId, b.itemId));
    ordered.forEach((item, i) => {
      const tableId = ids[i] ?? `${ids[0] ?? ''}~${i + 1}`;
      claims.add(`table:${tableId}`, { kind: 'table', tableId }, item, 'visible');
    });
  }
  // Shapes in another frame of ours: a table none of the others claimed (a frame the scene no longer draws
  // still holds it), else that frame's own table (a named diagram's copy, to prune).
  for (const item of elsewhere) {
    const tableId = adoptedTableId(item, names!, frameKeyOfItem, 'elsewhere', (key) => claims.has(key));
    if (tableId !== undefined) claims.add(`table:${tableId}`, { kind: 'table', tableId }, item, 'visible');
    else rest.push(item);
  }
  claims.resolve(() => true, weight, state, foreign);
  foreign.push(...rest);
  state.duplicates.sort((a, b) => compareIds(a.itemId, b.itemId));
  state.identity.adopted.sort(compareStrings);
  state.identity.claims.sort((a, b) => compareStrings(a.key, b.key));

  state.foreignItems = foreign.length;
  state.foreignBoxes = foreign.map((item) => item.box);
  for (const item of foreign) {
    // Loosely: the bold header, else the first line (an editor may have dropped the bold).
    const header = item.raw.type === 'shape' ? (headerOnBoard(item.text) ?? headingOnBoard(item.text)) : '';
    if (header !== '') state.foreignHeaders.set(header, (state.foreignHeaders.get(header) ?? 0) + 1);
  }

  const tableOfItem = new Map([...state.tables.values()].map((table) => [table.itemId, table.tableId]));
  // Unsigned circles of ours (their signature dropped): known by their legs, which join them to one table.
  if (names !== undefined) {
    for (const loop of adoptLoops(foreign, connectors, tableOfItem, names, state)) {
      state.loops.set(loop.relationId, loop);
      foreign.splice(foreign.findIndex((item) => item.itemId === loop.itemId), 1);
    }
    state.foreignItems = foreign.length;
    state.foreignBoxes = foreign.map((item) => item.box);
  }
  const loopOfItem = new Map([...state.loops.values()].map((loop) => [loop.itemId, loop]));
  const seen = new Map<string, string>();
  for (const connector of [...connectors].sort((a, b) => compareIds(a.id, b.id))) {
    const startLoop = loopOfItem.get(connector.startItem?.id ?? '');
    const endLoop = loopOfItem.get(connector.endItem?.id ?? '');
    const loop = startLoop ?? endLoop;
    // A loop's circle stands in as an end of its own (two loops' legs to one key row are different legs).
    const ours = recogniseConnector(connector, (id) => tableOfItem.get(id) ?? (loopOfItem.has(id) ? LOOP_END + id : undefined));
    if (ours === null || (loop === undefined && (isLoopEnd(ours.fromTableId) || isLoopEnd(ours.toTableId)))) {
      state.foreignConnectors++;
      continue;
    }
    const identity = connectorIdentity(ours);
    if (seen.has(identity)) {
      state.duplicateConnectors.push(ours.connectorId);
      continue;
    }
    seen.set(identity, ours.connectorId);
    if (loop === undefined) {
      state.connectors.push(ours);
      continue;
    }
    const leg = startLoop === undefined ? 'out' : 'back';
    const tableId = leg === 'out' ? ours.fromTableId : ours.toTableId;
    if (isLoopEnd(tableId)) {
      state.foreignConnectors++; // circle to circle: not a drawing of ours
      continue;
    }
    loop.tableId ??= tableId;
    state.loopLegs.push({ ...ours, relationId: loop.relationId, leg });
  }
  return state;
}

/**
 * Circles of ours whose signature is gone: an empty circle of the loop's size whose connectors, drawn with
 * our caps, all join it to one table of ours; which of that table's self-references it draws is told by
 * the row its outgoing leg leaves from.
 */
function adoptLoops(
  foreign: readonly ReadItem[],
  connectors: readonly MiroConnector[],
  tableOfItem: ReadonlyMap<string, string>,
  names: VisibleNames,
  state: BoardState,
): OurLoopItem[] {
  const taken = new Set(state.loops.keys());
  const adopted: OurLoopItem[] = [];
  for (const item of foreign) {
    const data = (item.raw.data ?? {}) as { shape?: string };
    if (item.raw.type !== 'shape' || data.shape !== 'circle' || canonicalMiroText(item.text) !== '') continue;
    if (Math.abs(item.box.width - SELF_LOOP_DIAMETER) > 1 || Math.abs(item.box.height - SELF_LOOP_DIAMETER) > 1) continue;
    const legs = connectors.filter((c) => c.startItem?.id === item.itemId || c.endItem?.id === item.itemId);
    const erd = legs.some((c) => [c.style?.startStrokeCap, c.style?.endStrokeCap].some((cap) => cap?.startsWith('erd_')));
    if (!erd) continue;
    const tables = new Set(legs.map((c) => tableOfItem.get(c.startItem?.id === item.itemId ? (c.endItem?.id ?? '') : (c.startItem?.id ?? ''))));
    if (legs.length === 0 || tables.size !== 1 || tables.has(undefined)) continue;
    const tableId = [...tables][0]!;
    const out = legs.find((c) => c.endItem?.id === item.itemId);
    const outRow = parseAttachPercent(out?.startItem?.position?.y);
    const candidates = (names.loops.get(tableId) ?? []).filter((loop) => !taken.has(loop.relationId));
    const chosen =
      outRow === null
        ? candidates[0]
        : [...candidates].sort((a, b) => Math.abs(a.fromAttachY - outRow) - Math.abs(b.fromAttachY - outRow))[0];
    // A loop of a self-reference the scene no longer has is still ours, to prune: it gets an id of its own.
    const relationId = chosen?.relationId ?? `${UNKNOWN_LOOP}${item.itemId}`;
    taken.add(relationId);
    state.identity.adopted.push(`loop:${relationId}`);
    state.adoptedKinds.set(`loop:${relationId}`, 'loop');
    adopted.push({ itemId: item.itemId, box: item.box, parentId: item.parentId, parentTopLeft: item.parentTopLeft, relationId, tableId });
  }
  state.identity.adopted.sort(compareStrings);
  return adopted;
}

/** The key of the reference-box copies (VisibleNames.copiesInFrame) an unsigned shape shows, if any. */
function copyGroupOf(item: ReadItem, names: VisibleNames, frameKeyOfItem: ReadonlyMap<string, string>): string | undefined {
  if (item.raw.type !== 'shape' || item.parentId === null) return undefined;
  const header = headerOnBoard(item.text);
  const frameKey = frameKeyOfItem.get(item.parentId);
  if (header === null || frameKey === undefined) return undefined;
  const key = inFrameKey(frameKey, header);
  return names.copiesInFrame.has(key) ? key : undefined;
}

/** The table an unsigned shape shows by its header: within its frame, else anywhere when the header is unique. */
/**
 * The table an unsigned shape shows by its header. `in place`: within its frame, or (outside every frame of
 * ours: a user dragged it out) anywhere when only one table shows that header; a shape in another frame
 * of ours waits for `elsewhere`, when the header's table is taken only if nothing else claimed it.
 */
function adoptedTableId(
  item: ReadItem,
  names: VisibleNames,
  frameKeyOfItem: ReadonlyMap<string, string>,
  pass: 'in place' | 'elsewhere',
  claimed: (key: string) => boolean = () => false,
): string | undefined {
  if (item.raw.type !== 'shape') return undefined;
  const header = headerOnBoard(item.text);
  if (header === null) return undefined;
  const frameKey = item.parentId === null ? NO_FRAME : frameKeyOfItem.get(item.parentId);
  const inFrame = frameKey === undefined ? undefined : names.tablesInFrame.get(inFrameKey(frameKey, header));
  if (inFrame !== undefined) return inFrame;
  const ourFrame = frameKey !== undefined && frameKey !== NO_FRAME;
  if (pass === 'in place' && ourFrame) return undefined;
  const anywhere = names.tablesAnywhere.get(header);
  if (anywhere !== undefined && !(ourFrame && claimed(`table:${anywhere}`))) return anywhere;
  // A table gone from the scene is still ours to prune: its id as the header and frame tell it.
  return shownTableId(item.text, frameKey ?? NO_FRAME, names) ?? undefined;
}

type ClaimSource = 'signature' | 'visible';

interface Claim {
  item: ReadItem;
  signature: ItemSignature;
  source: ClaimSource;
}

/**
 * Items claiming scene elements, by key. Of several items claiming one element the one kept is the signed
 * one, then the one its connectors attach to (or the frame holding most items), then the oldest. The others
 * are exact copies left by an interrupted run (same text, place, size and parent: deleted as duplicates) or
 * items a user made (a pasted copy): left alone, and reported.
 */
class Claims {
  readonly #byKey = new Map<string, Claim[]>();

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  add(key: string, signature: ItemSignature, item: ReadItem, source: ClaimSource): void {
    const group = this.#byKey.get(key) ?? [];
    group.push({ item, signature, source });
    this.#byKey.set(key, group);
  }

  /** Settles the groups whose key passes `select` into `state`; returns the kept claims. */
  resolve(select: (key: string) => boolean, weight: (item: ReadItem) => number, state: BoardState, foreign: ReadItem[]): Claim[] {
    const kept: Claim[] = [];
    for (const [key, group] of [...this.#byKey].sort(([a], [b]) => compareStrings(a, b))) {
      if (!select(key)) continue;
      this.#byKey.delete(key);
      const rank = (claim: Claim): number => (claim.source === 'signature' ? 0 : 1);
      const ranked = [...group].sort(
        (a, b) =>
          rank(a) - rank(b) ||
          weight(b.item) - weight(a.item) ||
          compareStrings(a.item.raw.createdAt ?? '', b.item.raw.createdAt ?? '') ||
          compareIds(a.item.itemId, b.item.itemId),
      );
      const first = ranked[0]!;
      const others: string[] = [];
      for (const other of ranked.slice(1)) {
        if (isExactCopy(other.item, first.item)) state.duplicates.push({ itemId: other.item.itemId, key, type: other.item.raw.type });
        else {
          foreign.push(other.item);
          others.push(other.item.itemId);
        }
      }
      if (others.length > 0) state.identity.claims.push({ key, keptItemId: first.item.itemId, otherItemIds: others.sort(compareIds) });
      if (first.source === 'signature') {
        state.identity.signed++;
        state.signedKinds.add(first.signature.kind);
      } else {
        state.identity.adopted.push(key);
        state.adoptedKinds.set(key, first.signature.kind);
      }
      const { item, signature } = first;
      const base: BoardItemBase = { itemId: item.itemId, box: item.box, parentId: item.parentId, parentTopLeft: item.parentTopLeft };
      if (signature.kind === 'table') state.tables.set(signature.tableId, { ...base, tableId: signature.tableId, content: item.text });
      else if (signature.kind === 'frame') state.frames.set(signature.schema, { ...base, schema: signature.schema, title: item.text });
      else if (signature.kind === 'loop') state.loops.set(signature.relationId, { ...base, relationId: signature.relationId, tableId: null });
      else if (signature.kind === 'enums') state.enumLegends.set(signature.legendId, { ...base, legendId: signature.legendId, content: item.text });
      else state.title = { ...base, content: item.text };
      kept.push(first);
    }
    return kept;
  }
}

/** The item type each signature kind is drawn as; a signature on another type (pasted text) is not ours. */
const SIGNATURE_ITEM_TYPE: Record<ItemSignature['kind'], string> = {
  table: 'shape',
  frame: 'frame',
  title: 'text',
  loop: 'shape',
  // Read by history.ts before the board is: a history text reaching here is a second one, and not claimed.
  history: '',
  enums: 'shape',
};

/** Parses a Miro relative offset (`"42.5%"`) into a fraction; null when absent or unreadable. */
export function parseAttachPercent(value: string | undefined): number | null {
  if (value === undefined) return null;
  const number = Number.parseFloat(value.replace('%', ''));
  return Number.isFinite(number) ? number / 100 : null;
}

/** The id given to an unsigned loop circle whose self-reference the scene does not name. */
const UNKNOWN_LOOP = 'loop-item:';

/** The end of a connector on a loop circle, in place of a table id. */
const LOOP_END = '\u0000loop:';

function isLoopEnd(end: string): boolean {
  return end.startsWith(LOOP_END);
}

function recogniseConnector(connector: MiroConnector, endOf: (itemId: string) => string | undefined): OurConnector | null {
  const fromTableId = connector.startItem?.id === undefined ? undefined : endOf(connector.startItem.id);
  const toTableId = connector.endItem?.id === undefined ? undefined : endOf(connector.endItem.id);
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
