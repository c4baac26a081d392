/**
 * The emulator's state: boards, their items (shapes, texts, frames, …) and connectors, with Miro's rules
 * that the OpenAPI description states only in prose: positions are centres; a child's position is relative
 * to its parent frame's top-left corner; only frames are parents; connectors join two existing, distinct,
 * non-frame items; deleting an item removes the connectors attached to it; bulk create is all or nothing.
 * Requests reaching this module are already valid against the spec; the checks here are the semantic ones.
 */
import { invalidParameter, MiroApiError, notFound } from './api-error.js';
import type { JsonObject } from './spec.js';
import { MIRO_SHAPE_NAMES } from './spec.js';
import { normalisePlainText, normaliseRichText, type TextMode } from './text-mode.js';

export interface Point {
  x: number;
  y: number;
}

export interface Geometry {
  width?: number;
  height?: number;
  rotation?: number;
}

export interface StoredItem {
  readonly id: string;
  readonly type: string;
  /** As stored, and answered: normalised in the `normalising` text mode. */
  data: JsonObject;
  /**
   * The data as the client last sent it (merged like `data`), before any normalisation. A test oracle only:
   * it tells which item the client meant to write, whatever the board did to its text. Never answered.
   */
  sent: JsonObject;
  style: JsonObject;
  /** Centre of the item; relative to the parent frame's top-left corner when `parentId` is set, else to the canvas. */
  position: Point;
  geometry: Geometry;
  parentId: string | undefined;
  readonly createdAt: string;
  readonly createdBy: string;
  modifiedAt: string;
  modifiedBy: string;
}

export interface RelativeOffset {
  x: string;
  y: string;
}

export interface ConnectorEnd {
  id: string;
  /** Attach point relative to the item's bounding box, e.g. { x: '50%', y: '0%' } for the top middle. */
  position: RelativeOffset;
}

export interface StoredConnector {
  readonly id: string;
  shape: string;
  startItem: ConnectorEnd;
  endItem: ConnectorEnd;
  style: JsonObject;
  captions: JsonObject[];
  readonly createdAt: string;
  readonly createdBy: string;
  modifiedAt: string;
  modifiedBy: string;
}

export interface ItemInput {
  type: string;
  data?: JsonObject;
  style?: JsonObject;
  position?: Partial<Point>;
  geometry?: Geometry;
  parent?: { id?: string };
}

export interface ItemChanges {
  data?: JsonObject;
  style?: JsonObject;
  position?: Partial<Point>;
  geometry?: Geometry;
  parent?: { id?: string };
}

export interface ConnectorEndInput {
  id?: string;
  position?: Partial<RelativeOffset>;
  snapTo?: string;
}

export interface ConnectorInput {
  startItem?: ConnectorEndInput;
  endItem?: ConnectorEndInput;
  shape?: string;
  captions?: JsonObject[];
  style?: JsonObject;
}

export interface Page<T> {
  data: T[];
  total: number;
  /** Opaque cursor for the next page, when there is one. */
  cursor: string | undefined;
}

/** Sizes Miro gives items created without geometry. */
const DEFAULT_GEOMETRY: Readonly<Record<string, Geometry>> = {
  shape: { width: 100, height: 100 },
  text: { width: 320 },
  frame: { width: 800, height: 450 },
};

const DEFAULT_DATA: Readonly<Record<string, JsonObject>> = {
  shape: { shape: 'rectangle', content: '' },
  frame: { title: '', format: 'custom', type: 'freeform', showContent: true },
};

const DEFAULT_STYLE: Readonly<Record<string, JsonObject>> = {
  shape: {
    fillColor: '#ffffff', fillOpacity: '1.0', fontFamily: 'arial', fontSize: '14', borderColor: '#1a1a1a',
    borderWidth: '2.0', borderOpacity: '1.0', borderStyle: 'normal', textAlign: 'center', textAlignVertical: 'top', color: '#1a1a1a',
  },
  text: { fillColor: 'transparent', fillOpacity: '1.0', fontFamily: 'arial', fontSize: '14', textAlign: 'left', color: '#1a1a1a' },
  frame: { fillColor: '#ffffffff' },
};

const DEFAULT_CONNECTOR_STYLE: JsonObject = {
  strokeColor: '#000000', strokeWidth: '1.0', strokeStyle: 'normal', startStrokeCap: 'none', endStrokeCap: 'stealth',
  fontSize: '14', color: '#1a1a1a', textOrientation: 'aligned',
};

/** Where `snapTo` attaches a connector, as relative offsets. */
const SNAP_POINTS: Readonly<Record<string, RelativeOffset>> = {
  top: { x: '50%', y: '0%' },
  right: { x: '100%', y: '50%' },
  bottom: { x: '50%', y: '100%' },
  left: { x: '0%', y: '50%' },
};

export type IdAllocator = () => string;

function encodeCursor(id: string): string {
  return Buffer.from(`after:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): bigint {
  const decoded = /^after:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!decoded) throw invalidParameter('cursor', 'is not a cursor this API returned');
  return BigInt(decoded[1]!);
}

function paginate<T extends { id: string }>(all: readonly T[], limit: number, cursor: string | undefined): Page<T> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const rest = after === undefined ? all : all.filter((entry) => BigInt(entry.id) > after);
  const data = rest.slice(0, limit);
  const last = data[data.length - 1];
  return { data, total: all.length, cursor: rest.length > limit && last ? encodeCursor(last.id) : undefined };
}

/** Miro lays text out itself; the emulator estimates a height from the font size and the number of paragraphs. */
function textHeight(item: StoredItem): number {
  const fontSize = Number(item.style.fontSize ?? 14) || 14;
  const content = String(item.data.content ?? '');
  const lines = Math.max(1, (content.match(/<p>|<br\s*\/?>/g) ?? []).length + (/^\s*<p>/.test(content) ? 0 : 1));
  return Math.round(fontSize * 1.4 * lines * 100) / 100;
}

function parsePercent(value: string | undefined, field: string): number {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)%$/.exec(value);
  const number = match ? Number(match[1]) : Number.NaN;
  if (!(number >= 0 && number <= 100)) throw invalidParameter(field, 'must be a percentage between 0% and 100%');
  return number;
}

/** A board member's role, as Miro names it (`BoardMember.role`). */
export type BoardRole = 'viewer' | 'commenter' | 'editor' | 'coowner' | 'owner';

const EDITING_ROLES: ReadonlySet<BoardRole> = new Set(['editor', 'coowner', 'owner']);

export class EmulatedBoard {
  readonly id: string;
  name: string;
  description: string;
  /** `policy.sharingPolicy.access` as created (kept for tests; the board JSON does not carry it). */
  readonly access: string;
  readonly teamId: string;
  readonly ownerId: string;
  readonly createdAt: string;
  modifiedAt: string;
  readonly #roles = new Map<string, BoardRole>();
  readonly #items = new Map<string, StoredItem>();
  readonly #connectors = new Map<string, StoredConnector>();
  readonly #nextId: IdAllocator;
  readonly #now: () => string;
  readonly #textMode: TextMode;

  constructor(
    init: { id: string; name: string; description: string; teamId: string; ownerId: string; access?: string },
    nextId: IdAllocator,
    now: () => string,
    textMode: TextMode = 'verbatim',
  ) {
    this.id = init.id;
    this.name = init.name;
    this.description = init.description;
    this.access = init.access ?? 'private';
    this.teamId = init.teamId;
    this.ownerId = init.ownerId;
    this.createdAt = now();
    this.modifiedAt = this.createdAt;
    this.#nextId = nextId;
    this.#now = now;
    this.#textMode = textMode;
  }

  /**
   * The caller's role: its owner owns it, a user given a role has that one, and everyone else edits (the
   * emulator's boards are open to their team for editing, as a team board often is).
   */
  roleOf(userId: string): BoardRole {
    return userId === this.ownerId ? 'owner' : (this.#roles.get(userId) ?? 'editor');
  }

  /** Gives a user a role on this board (a test's way of sharing it read-only). */
  setRole(userId: string, role: BoardRole): void {
    this.#roles.set(userId, role);
  }

  canEdit(userId: string): boolean {
    return EDITING_ROLES.has(this.roleOf(userId));
  }

  /** `data` as this board stores it: text fields normalised in the `normalising` mode, frame titles in `plain-titles`. */
  #stored(data: JsonObject): JsonObject {
    if (this.#textMode === 'verbatim') return data;
    const stored = { ...data };
    if (typeof stored.content === 'string' && this.#textMode === 'normalising') stored.content = normaliseRichText(stored.content);
    if (typeof stored.title === 'string') stored.title = normalisePlainText(stored.title);
    return stored;
  }

  #storedCaptions(captions: readonly JsonObject[]): JsonObject[] {
    return captions.map((caption) => (this.#textMode === 'verbatim' ? { ...caption } : this.#stored(caption)));
  }

  /** Items in creation order (ids grow monotonically, so this is also id order). */
  items(): StoredItem[] {
    return [...this.#items.values()];
  }

  connectors(): StoredConnector[] {
    return [...this.#connectors.values()];
  }

  /** The item, or a 404 naming the kind the caller asked for (a shape id asked for as text is not found). */
  item(id: string, expectedType?: string): StoredItem {
    const item = this.#items.get(id);
    if (!item || (expectedType !== undefined && item.type !== expectedType)) throw notFound(`${expectedType ?? 'Item'} ${id}`);
    return item;
  }

  connector(id: string): StoredConnector {
    const connector = this.#connectors.get(id);
    if (!connector) throw notFound(`Connector ${id}`);
    return connector;
  }

  /** Centre of an item on the canvas, following its parent frame. */
  absolutePosition(item: StoredItem): Point {
    if (item.parentId === undefined) return { ...item.position };
    const topLeft = this.#topLeft(this.item(item.parentId));
    return { x: topLeft.x + item.position.x, y: topLeft.y + item.position.y };
  }

  /** Width and height as Miro reports them (a text's height follows from its content). */
  size(item: StoredItem): { width: number; height: number } {
    const width = item.geometry.width ?? 100;
    const height = item.type === 'text' ? textHeight(item) : (item.geometry.height ?? 100);
    return { width, height };
  }

  #topLeft(item: StoredItem): Point {
    const centre = this.absolutePosition(item);
    const { width, height } = this.size(item);
    return { x: centre.x - width / 2, y: centre.y - height / 2 };
  }

  #parentFrame(parentId: string | undefined, field: string, childType: string): StoredItem | undefined {
    if (parentId === undefined) return undefined;
    const parent = this.#items.get(parentId);
    if (!parent) throw invalidParameter(field, `item ${parentId} does not exist on this board`);
    if (parent.type !== 'frame') throw invalidParameter(field, `item ${parentId} is a ${parent.type}; only frames can be parents`);
    if (childType === 'frame') throw invalidParameter(field, 'a frame cannot be placed inside another frame');
    return parent;
  }

  #checkData(type: string, data: JsonObject, field: string): void {
    if (type === 'shape' && data.shape !== undefined && !MIRO_SHAPE_NAMES.has(String(data.shape))) {
      throw invalidParameter(`${field}.shape`, `must be a Miro shape name, got ${JSON.stringify(data.shape)}`);
    }
  }

  /** Builds an item without adding it, so bulk create can check every item before adding any. */
  #prepareItem(input: ItemInput, actor: string, fieldPrefix: string): StoredItem {
    const data = { ...DEFAULT_DATA[input.type], ...input.data };
    this.#checkData(input.type, data, `${fieldPrefix}data`);
    const parent = this.#parentFrame(input.parent?.id, `${fieldPrefix}parent.id`, input.type);
    const now = this.#now();
    return {
      id: this.#nextId(),
      type: input.type,
      data: this.#stored(data),
      sent: data,
      style: { ...DEFAULT_STYLE[input.type], ...input.style },
      position: { x: input.position?.x ?? 0, y: input.position?.y ?? 0 },
      geometry: { ...(DEFAULT_GEOMETRY[input.type] ?? { width: 100, height: 100 }), ...input.geometry },
      parentId: parent?.id,
      createdAt: now,
      createdBy: actor,
      modifiedAt: now,
      modifiedBy: actor,
    };
  }

  createItem(input: ItemInput, actor: string): StoredItem {
    const item = this.#prepareItem(input, actor, '');
    this.#items.set(item.id, item);
    this.modifiedAt = item.createdAt;
    return item;
  }

  /** All items or none: every item is checked before the first is added, as Miro's bulk create is transactional. */
  createItems(inputs: readonly ItemInput[], actor: string): StoredItem[] {
    const prepared = inputs.map((input, index) => this.#prepareItem(input, actor, `[${index}].`));
    for (const item of prepared) this.#items.set(item.id, item);
    if (prepared.length > 0) this.modifiedAt = prepared[0]!.createdAt;
    return prepared;
  }

  updateItem(id: string, changes: ItemChanges, actor: string, expectedType?: string): StoredItem {
    const item = this.item(id, expectedType);
    const data = changes.data ? { ...item.data, ...changes.data } : item.data;
    this.#checkData(item.type, data, 'data');
    const sent = changes.data ? { ...item.sent, ...changes.data } : item.sent;

    let parentId = item.parentId;
    let position = { ...item.position };
    const newParentId = changes.parent?.id;
    if (newParentId !== undefined && newParentId !== item.parentId) {
      if (newParentId === item.id) throw invalidParameter('parent.id', 'an item cannot be its own parent');
      const parent = this.#parentFrame(newParentId, 'parent.id', item.type)!;
      // Without a new position the item stays where it is on the canvas; its position becomes frame-relative.
      const absolute = this.absolutePosition(item);
      const topLeft = this.#topLeft(parent);
      parentId = parent.id;
      position = { x: absolute.x - topLeft.x, y: absolute.y - topLeft.y };
    }
    if (changes.position) position = { x: changes.position.x ?? position.x, y: changes.position.y ?? position.y };

    item.data = changes.data ? this.#stored(data) : data;
    item.sent = sent;
    if (changes.style) item.style = { ...item.style, ...changes.style };
    if (changes.geometry) item.geometry = { ...item.geometry, ...changes.geometry };
    item.parentId = parentId;
    item.position = position;
    item.modifiedAt = this.#now();
    item.modifiedBy = actor;
    this.modifiedAt = item.modifiedAt;
    return item;
  }

  /**
   * Deletes an item and the connectors attached to it. A deleted frame's children stay on the board where
   * they were, now positioned on the canvas.
   */
  deleteItem(id: string, expectedType?: string): void {
    const item = this.item(id, expectedType);
    for (const child of this.#items.values()) {
      if (child.parentId !== id) continue;
      child.position = this.absolutePosition(child);
      child.parentId = undefined;
    }
    this.#items.delete(id);
    for (const connector of [...this.#connectors.values()]) {
      if (connector.startItem.id === id || connector.endItem.id === id) this.#connectors.delete(connector.id);
    }
    this.modifiedAt = this.#now();
  }

  listItems(options: { type?: string; limit: number; cursor?: string }): Page<StoredItem> {
    const all = this.items().filter((item) => options.type === undefined || item.type === options.type);
    return paginate(all, options.limit, options.cursor);
  }

  listConnectors(options: { limit: number; cursor?: string }): Page<StoredConnector> {
    return paginate(this.connectors(), options.limit, options.cursor);
  }

  #connectorEnd(input: ConnectorEndInput | undefined, field: string, other: ConnectorEndInput | undefined): ConnectorEnd {
    if (input?.id === undefined) throw invalidParameter(`${field}.id`, 'is required');
    const item = this.#items.get(input.id);
    if (!item) throw invalidParameter(`${field}.id`, `item ${input.id} does not exist on this board`);
    if (item.type === 'frame') throw invalidParameter(`${field}.id`, 'connectors cannot attach to frames');
    if (input.position !== undefined && input.snapTo !== undefined) {
      throw invalidParameter(field, 'takes either position or snapTo, not both');
    }
    if (input.position !== undefined) {
      parsePercent(input.position.x, `${field}.position.x`);
      parsePercent(input.position.y, `${field}.position.y`);
      return { id: item.id, position: { x: input.position.x!, y: input.position.y! } };
    }
    const snapTo = input.snapTo ?? 'auto';
    return { id: item.id, position: SNAP_POINTS[snapTo] ?? this.#autoSnap(item, other?.id) };
  }

  /** `snapTo: auto`: the middle of the side that faces the other item. */
  #autoSnap(item: StoredItem, otherId: string | undefined): RelativeOffset {
    const other = otherId === undefined ? undefined : this.#items.get(otherId);
    if (!other) return SNAP_POINTS.right!;
    const from = this.absolutePosition(item);
    const to = this.absolutePosition(other);
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? SNAP_POINTS.right! : SNAP_POINTS.left!;
    return dy >= 0 ? SNAP_POINTS.bottom! : SNAP_POINTS.top!;
  }

  createConnector(input: ConnectorInput, actor: string): StoredConnector {
    const startItem = this.#connectorEnd(input.startItem, 'startItem', input.endItem);
    const endItem = this.#connectorEnd(input.endItem, 'endItem', input.startItem);
    if (startItem.id === endItem.id) throw invalidParameter('endItem.id', 'must differ from startItem.id');
    const now = this.#now();
    const connector: StoredConnector = {
      id: this.#nextId(),
      shape: input.shape ?? 'curved',
      startItem,
      endItem,
      style: { ...DEFAULT_CONNECTOR_STYLE, ...input.style },
      captions: this.#storedCaptions(input.captions ?? []),
      createdAt: now,
      createdBy: actor,
      modifiedAt: now,
      modifiedBy: actor,
    };
    this.#connectors.set(connector.id, connector);
    this.modifiedAt = now;
    return connector;
  }

  updateConnector(id: string, changes: ConnectorInput, actor: string): StoredConnector {
    const connector = this.connector(id);
    const startItem = changes.startItem ? this.#connectorEnd(changes.startItem, 'startItem', changes.endItem ?? connector.endItem) : connector.startItem;
    const endItem = changes.endItem ? this.#connectorEnd(changes.endItem, 'endItem', changes.startItem ?? connector.startItem) : connector.endItem;
    if (startItem.id === endItem.id) throw invalidParameter('endItem.id', 'must differ from startItem.id');
    connector.startItem = startItem;
    connector.endItem = endItem;
    if (changes.shape !== undefined) connector.shape = changes.shape;
    if (changes.style) connector.style = { ...connector.style, ...changes.style };
    if (changes.captions) connector.captions = this.#storedCaptions(changes.captions);
    connector.modifiedAt = this.#now();
    connector.modifiedBy = actor;
    this.modifiedAt = connector.modifiedAt;
    return connector;
  }

  deleteConnector(id: string): void {
    this.connector(id);
    this.#connectors.delete(id);
    this.modifiedAt = this.#now();
  }
}

/** Every board of the emulated Miro, with one id sequence for items and connectors as on Miro. */
export class BoardStore {
  readonly #boards = new Map<string, EmulatedBoard>();
  readonly #now: () => number;
  readonly #textMode: TextMode;
  #boardCounter = 0;
  // Miro item ids are 64-bit numbers written as strings, e.g. 3458764517517819000.
  #itemCounter = 3458764600000000000n;

  constructor(now: () => number, textMode: TextMode = 'verbatim') {
    this.#now = now;
    this.#textMode = textMode;
  }

  /** How this emulator stores item text (see text-mode.ts). */
  get textMode(): TextMode {
    return this.#textMode;
  }

  readonly #nextItemId: IdAllocator = () => {
    this.#itemCounter += 1n;
    return this.#itemCounter.toString();
  };

  readonly #timestamp = (): string => new Date(this.#now()).toISOString();

  create(init: { name?: string; description?: string; teamId: string; ownerId: string; access?: string }): EmulatedBoard {
    this.#boardCounter += 1;
    // Miro board ids look like `uXjVOD6Vx7c=`: opaque, not numeric.
    const id = `uXjV${this.#boardCounter.toString(36).padStart(7, '0')}=`;
    const board = new EmulatedBoard(
      {
        id,
        name: init.name ?? 'Untitled',
        description: init.description ?? '',
        teamId: init.teamId,
        ownerId: init.ownerId,
        ...(init.access !== undefined ? { access: init.access } : {}),
      },
      this.#nextItemId,
      this.#timestamp,
      this.#textMode,
    );
    this.#boards.set(id, board);
    return board;
  }

  get(id: string): EmulatedBoard | undefined {
    return this.#boards.get(id);
  }

  /** The board, or Miro's 404. */
  require(id: string): EmulatedBoard {
    const board = this.#boards.get(id);
    if (!board) throw new MiroApiError(404, 'notFound', `Board ${id} not found`);
    return board;
  }

  list(): EmulatedBoard[] {
    return [...this.#boards.values()];
  }
}
