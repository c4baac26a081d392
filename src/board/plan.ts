/**
 * The plan: what must be written so that the board shows the scene, as the difference between the scene
 * and what is on the board (board-state.ts). Pure: the same scene and board give the same plan.
 *
 * Writes are chosen to be few and cheap (a delete costs five times an update):
 * - a table whose text changed is updated in place, keeping its top-left corner (and its user-chosen
 *   place, colour and size unless the rows need another height or width);
 * - tables stay where they are on the board unless `relayout`; new ones go to the layout's place when
 *   it is free, else to the nearest free place (inside their schema's frame when it fits there);
 * - a relation whose attach points or caps changed is updated, not recreated; connectors of a deleted
 *   table are not deleted one by one (Miro removes them with the shape);
 * - items the tool did not make are never in the plan.
 */
import {
  connectorRequest,
  connectorStyle,
  attachPercent,
  frameRequest,
  tableContent,
  titleContent,
  titleRequest,
  strokeCap,
} from './items.js';
import { canonicalMiroText } from './item-text.js';
import type {
  MiroConnectorChangesData,
  MiroFrameCreateRequest,
  MiroFrameUpdateRequest,
  MiroShapeUpdateRequest,
  MiroTextCreateRequest,
  MiroTextUpdateRequest,
} from '../miro/openapi/index.js';
import type { Box, Point } from '../model/layout.js';
import type { BoardScene, SceneConnector, SceneFrame, SceneTable } from '../model/scene.js';
import { compareStrings } from '../util/compare.js';
import { groupBy } from '../util/group-by.js';
import { round2 } from '../util/round.js';
import type { BoardState, OurConnector, OurTableItem } from './board-state.js';
import { OccupiedSpace, contains, findFreeBox } from './placement.js';
import { planLoops, type LoopCreate, type LoopLegCreate, type LoopUpdate } from './loops.js';
import { sameRelationMeaning, type ConnectorMeaning } from './relation-meaning.js';
import { enumTypesChanged, planEnumLegends, type EnumLegendCreate, type EnumLegendUpdate } from './enum-legends.js';

export interface PlanOptions {
  /** Delete tables (and relations) that are gone from the schema; default true. */
  prune: boolean;
  /** Move every table back to where the layout puts it. */
  relayout: boolean;
}

/** A parent frame: one on the board, or one this plan creates (its id is known only once created). */
export type PlannedParent = { itemId: string; topLeft: Point } | { newFrameSchema: string; topLeft: Point };

export interface FrameCreate {
  schema: string;
  box: Box;
  request: MiroFrameCreateRequest;
}
export interface FrameUpdate {
  schema: string;
  itemId: string;
  request: MiroFrameUpdateRequest;
}
export interface TitleCreate {
  box: Box;
  request: MiroTextCreateRequest;
}
export interface TitleUpdate {
  itemId: string;
  request: MiroTextUpdateRequest;
}
export interface TableCreate {
  table: SceneTable;
  /** Board coordinates. */
  box: Box;
  parent: PlannedParent | null;
}
export interface TableUpdate {
  tableId: string;
  itemId: string;
  /** `changed`: the table's text; `relayout`: only its place; `resign`: its signature, written again on an adopted shape. */
  reason: 'changed' | 'relayout' | 'resign';
  request: MiroShapeUpdateRequest;
  /** Set when the shape moves into a frame this plan creates: its id goes into `request.parent` once known. */
  newParentFrame?: string;
}
export interface ConnectorCreate {
  connector: SceneConnector;
  /** Stroke colour replacing the usual one: a change mark (marks.ts). */
  strokeColor?: string;
}
/** A connector on the board that already draws its relation. */
export interface ConnectorMatch {
  connectorId: string;
  relationId: string;
  /** Its stroke colour as listed. */
  strokeColor: string | null;
}
export interface ConnectorUpdate {
  connectorId: string;
  relationId: string;
  request: MiroConnectorChangesData;
}
export interface ConnectorDelete {
  connectorId: string;
  /** `from → to`. */
  label: string;
}
export interface ItemDelete {
  itemId: string;
  kind: 'table' | 'frame' | 'duplicate' | 'loop' | 'legend';
  /** Table id, schema, signature key of the duplicate, the self-reference of a loop, or the legend's id. */
  label: string;
}

export interface SchemaChanges {
  /** Table ids, sorted. */
  tablesAdded: string[];
  tablesRemoved: string[];
  tablesChanged: string[];
  /** Relation ids for added and changed relations, `from → to` for removed ones (their ids are not on the board). Sorted. */
  relationsAdded: string[];
  relationsRemoved: string[];
  relationsChanged: string[];
  /** Enum types (as drawn, `mpaa_rating`) whose values the legends show otherwise, or that they start or stop listing. Sorted. */
  enumTypesChanged: string[];
}

/** The schema's changes as labelled lists, in the order reports print them. */
export function changeGroups(changes: SchemaChanges): [label: string, names: string[]][] {
  return [
    ['tables added', changes.tablesAdded],
    ['tables removed', changes.tablesRemoved],
    ['tables changed', changes.tablesChanged],
    ['relations added', changes.relationsAdded],
    ['relations removed', changes.relationsRemoved],
    ['relations changed', changes.relationsChanged],
    ['enum types changed', changes.enumTypesChanged],
  ];
}

export interface SyncPlan {
  frameCreates: FrameCreate[];
  frameUpdates: FrameUpdate[];
  titleCreate: TitleCreate | null;
  titleUpdate: TitleUpdate | null;
  tableCreates: TableCreate[];
  tableUpdates: TableUpdate[];
  connectorCreates: ConnectorCreate[];
  connectorUpdates: ConnectorUpdate[];
  connectorDeletes: ConnectorDelete[];
  /** Self-references: the circles they loop through (loops.ts), and the legs to create. */
  loopCreates: LoopCreate[];
  loopUpdates: LoopUpdate[];
  loopLegCreates: LoopLegCreate[];
  /** Enum legends (enum-legends.ts) to create and to update; their deletes are in `itemDeletes`. */
  enumLegendCreates: EnumLegendCreate[];
  enumLegendUpdates: EnumLegendUpdate[];
  /** Connectors left as they are (for the change marks, which only recolour them). */
  connectorMatches: ConnectorMatch[];
  /** Tables removed from the schema, and duplicates left by an interrupted run. */
  itemDeletes: ItemDelete[];
  /** Frames of schemas no longer drawn; after the tables in them are gone. */
  frameDeletes: ItemDelete[];
  changes: SchemaChanges;
  unchanged: { tables: number; relations: number };
  /** Tables moved to their computed place (`relayout`) and relations redrawn elsewhere, schema unchanged. */
  moved: { tables: number; relations: number };
  /** Gone from the schema but kept on the board (`--no-prune`), or frames kept because they hold other items. */
  kept: { tables: number; relations: number; frames: number };
  /** Items and connectors on the board that the tool did not make (never touched). */
  foreign: { items: number; connectors: number };
  /** Relations from a table to itself, drawn through a loop circle (Miro joins two different items only). */
  selfRelations: number;
}

/** Attach points are sent with two decimals of a percent; anything closer is the same point. */
const ATTACH_TOLERANCE = 0.00015;

export function planSync(scene: BoardScene, board: BoardState, options: PlanOptions): SyncPlan {
  const plan: SyncPlan = {
    frameCreates: [],
    frameUpdates: [],
    titleCreate: null,
    titleUpdate: null,
    tableCreates: [],
    tableUpdates: [],
    connectorCreates: [],
    connectorUpdates: [],
    connectorDeletes: [],
    loopCreates: [],
    loopUpdates: [],
    loopLegCreates: [],
    enumLegendCreates: [],
    enumLegendUpdates: [],
    connectorMatches: [],
    itemDeletes: [],
    frameDeletes: [],
    changes: {
      tablesAdded: [],
      tablesRemoved: [],
      tablesChanged: [],
      relationsAdded: [],
      relationsRemoved: [],
      relationsChanged: [],
      enumTypesChanged: enumTypesChanged(scene, board.enumLegends),
    },
    unchanged: { tables: 0, relations: 0 },
    moved: { tables: 0, relations: 0 },
    kept: { tables: 0, relations: 0, frames: 0 },
    foreign: { items: board.foreignItems, connectors: board.foreignConnectors },
    selfRelations: 0,
  };
  const wantedTables = new Set(scene.tables.map((t) => t.id));
  const deletedTables = new Set<string>();
  for (const [tableId, item] of sortedEntries(board.tables)) {
    if (wantedTables.has(tableId)) continue;
    plan.changes.tablesRemoved.push(tableId);
    if (options.prune) {
      plan.itemDeletes.push({ itemId: item.itemId, kind: 'table', label: tableId });
      deletedTables.add(item.itemId);
    } else plan.kept.tables++;
  }
  for (const duplicate of board.duplicates) {
    plan.itemDeletes.push({ itemId: duplicate.itemId, kind: 'duplicate', label: duplicate.key });
    deletedTables.add(duplicate.itemId);
  }

  // Space taken by what stays: foreign items, our remaining tables (at their target place) and the title.
  const itemSpace = new OccupiedSpace(board.foreignBoxes);
  const frameBoxes = new Map<string, { box: Box; parent: PlannedParent }>();
  planFrames(scene, board, options, plan, itemSpace, frameBoxes);
  const tableTargets = existingTableTargets(scene, board, options, frameBoxes);
  for (const target of tableTargets.values()) itemSpace.add(target.box);
  // Legends on the board hold their place too.
  for (const legend of board.enumLegends.values()) itemSpace.add(legend.box);
  planTitle(scene, board, options, plan, itemSpace, [...frameBoxes.values()].map((f) => f.box));
  planTables(scene, board, plan, itemSpace, frameBoxes, tableTargets);
  planConnectors(scene, board, options, plan, deletedTables);
  const createdTables = new Map(plan.tableCreates.map((c) => [c.table.id, { box: c.box, parent: c.parent }]));
  planLoops(scene, board, options, plan, (id) => tableTargets.get(id) ?? createdTables.get(id), deletedTables);
  const sceneFrames = new Map(scene.frames.map((f) => [f.schema, f.box]));
  planEnumLegends(scene, board.enumLegends, plan, {
    frameOf: (key) => {
      const frame = frameBoxes.get(key);
      const sceneBox = sceneFrames.get(key);
      return frame === undefined || sceneBox === undefined ? undefined : { ...frame, sceneBox };
    },
    space: itemSpace,
    otherFrames: (key) => [...frameBoxes].filter(([schema]) => schema !== key).map(([, f]) => f.box),
    relayout: options.relayout,
    prune: options.prune,
    resigns: (key) => resigns(board, key),
  }, deletedTables);
  planFrameDeletes(scene, board, options, plan, deletedTables);

  for (const list of Object.values(plan.changes)) list.sort(compareStrings);
  return plan;
}

function planFrames(
  scene: BoardScene,
  board: BoardState,
  options: PlanOptions,
  plan: SyncPlan,
  itemSpace: OccupiedSpace,
  frameBoxes: Map<string, { box: Box; parent: PlannedParent }>,
): void {
  // A new frame avoids everything: items, our tables, and frames already there or placed before it.
  const space = new OccupiedSpace([...itemSpace.boxes, ...[...board.tables.values()].map((t) => t.box)]);
  for (const frame of board.frames.values()) space.add(frame.box);
  for (const frame of scene.frames) {
    const existing = board.frames.get(frame.schema);
    if (existing !== undefined) {
      const box = options.relayout ? frame.box : existing.box;
      const moved = options.relayout && !samePlace(existing.box, frame.box);
      const resign = resigns(board, `frame:${frame.schema}`);
      if (moved || resign) {
        const request = frameRequest(frame, frame.box);
        plan.frameUpdates.push({
          schema: frame.schema,
          itemId: existing.itemId,
          request: {
            ...(moved ? { position: request.position!, geometry: request.geometry! } : {}),
            ...(resign ? { data: request.data! } : {}),
          },
        });
      }
      frameBoxes.set(frame.schema, { box, parent: { itemId: existing.itemId, topLeft: topLeft(box) } });
      continue;
    }
    const box = findFreeBox(frame.box, space);
    space.add(box);
    plan.frameCreates.push({ schema: frame.schema, box, request: frameRequest(frame, box) });
    frameBoxes.set(frame.schema, { box, parent: { newFrameSchema: frame.schema, topLeft: topLeft(box) } });
  }
}

interface TableTarget {
  box: Box;
  /** Where the existing shape goes under `relayout`; its current place otherwise. */
  parent: PlannedParent | null;
}

/** Our tables that stay on the board, with the box they will occupy once the plan has run. */
function existingTableTargets(
  scene: BoardScene,
  board: BoardState,
  options: PlanOptions,
  frameBoxes: ReadonlyMap<string, { box: Box; parent: PlannedParent }>,
): Map<string, TableTarget> {
  const targets = new Map<string, TableTarget>();
  const sceneTables = new Map(scene.tables.map((t) => [t.id, t]));
  const sceneFrames = new Map(scene.frames.map((f) => [f.schema, f]));
  for (const [tableId, item] of sortedEntries(board.tables)) {
    const table = sceneTables.get(tableId);
    if (table === undefined) {
      if (!options.prune) targets.set(tableId, { box: item.box, parent: currentParent(item) });
      continue;
    }
    if (options.relayout) {
      const frame = frameBoxes.get(frameKeyOf(table));
      targets.set(tableId, { box: sceneBoxIn(table, sceneFrames.get(frameKeyOf(table)), frame?.box), parent: frame?.parent ?? currentParent(item) });
    } else {
      // A table keeps its top-left corner; a changed one takes the size its rows need.
      const size = sameText(item, table) ? item.box : table.box;
      targets.set(tableId, { box: { ...item.box, width: size.width, height: size.height }, parent: currentParent(item) });
    }
  }
  return targets;
}

function planTitle(
  scene: BoardScene,
  board: BoardState,
  options: PlanOptions,
  plan: SyncPlan,
  itemSpace: OccupiedSpace,
  frames: readonly Box[],
): void {
  const existing = board.title;
  if (existing === null) {
    const box = findFreeBox(scene.title.box, itemSpace, frames);
    itemSpace.add(box);
    plan.titleCreate = { box, request: titleRequest(scene.title, box) };
    return;
  }
  const wanted = titleRequest(scene.title, scene.title.box);
  const textChanged =
    canonicalMiroText(existing.content) !== canonicalMiroText(titleContent(scene.title)) || resigns(board, 'title');
  const moved = options.relayout && !sameTextPlace(existing.box, scene.title.box);
  const request: MiroTextUpdateRequest = {};
  if (textChanged) request.data = { content: wanted.data.content };
  if (moved) {
    request.position = wanted.position!;
    request.geometry = wanted.geometry!;
  }
  if (textChanged || moved) plan.titleUpdate = { itemId: existing.itemId, request };
  itemSpace.add(moved ? scene.title.box : existing.box);
}

function planTables(
  scene: BoardScene,
  board: BoardState,
  plan: SyncPlan,
  itemSpace: OccupiedSpace,
  frameBoxes: ReadonlyMap<string, { box: Box; parent: PlannedParent }>,
  targets: ReadonlyMap<string, TableTarget>,
): void {
  const sceneFrames = new Map(scene.frames.map((f) => [f.schema, f]));
  for (const table of scene.tables) {
    const existing = board.tables.get(table.id);
    if (existing === undefined) {
      const key = frameKeyOf(table);
      const frame = frameBoxes.get(key);
      const otherFrames = [...frameBoxes].filter(([schema]) => schema !== key).map(([, f]) => f.box);
      const box = findFreeBox(sceneBoxIn(table, sceneFrames.get(key), frame?.box), itemSpace, otherFrames);
      itemSpace.add(box);
      const parent = frame !== undefined && contains(frame.box, box) ? frame.parent : null;
      plan.tableCreates.push({ table, box, parent });
      plan.changes.tablesAdded.push(table.id);
      continue;
    }
    const target = targets.get(table.id)!;
    const { content } = wantedText(table);
    const changed = !sameText(existing, table);
    const moved = !samePlace(existing.box, target.box) || !sameParent(existing, target.parent);
    const resign = resigns(board, `table:${table.id}`);
    if (!changed && !moved && !resign) {
      plan.unchanged.tables++;
      continue;
    }
    if (!changed && !moved) plan.unchanged.tables++;
    const request: MiroShapeUpdateRequest = {};
    if (changed || resign) request.data = { shape: 'rectangle', content };
    if (changed) plan.changes.tablesChanged.push(table.id);
    if (changed || !sameSize(existing.box, target.box)) request.geometry = { width: target.box.width, height: target.box.height };
    if (moved || changed) {
      const origin = target.parent?.topLeft ?? { x: 0, y: 0 };
      request.position = centreFrom(target.box, origin);
      if (target.parent !== null && 'itemId' in target.parent && target.parent.itemId !== existing.parentId) {
        request.parent = { id: target.parent.itemId };
      }
    }
    if (!changed) plan.moved.tables++;
    const newParentFrame = target.parent !== null && 'newFrameSchema' in target.parent ? target.parent.newFrameSchema : undefined;
    plan.tableUpdates.push({
      tableId: table.id,
      itemId: existing.itemId,
      reason: changed ? 'changed' : moved ? 'relayout' : 'resign',
      request,
      ...(newParentFrame !== undefined ? { newParentFrame } : {}),
    });
  }
}

function planConnectors(
  scene: BoardScene,
  board: BoardState,
  options: PlanOptions,
  plan: SyncPlan,
  deletedItems: ReadonlySet<string>,
): void {
  const existingByPair = groupBy(board.connectors, (c) => pairKey(c.fromTableId, c.toTableId));
  // Miro connects two different items only: a table's reference to itself is a loop (loops.ts).
  const drawable = scene.connectors.filter((c) => c.from !== c.to);
  plan.selfRelations = scene.connectors.length - drawable.length;
  const wantedByPair = groupBy(drawable, (c) => pairKey(c.from, c.to));
  const pairs = [...new Set([...existingByPair.keys(), ...wantedByPair.keys()])].sort(compareStrings);
  const itemOfTable = new Map([...board.tables.values()].map((t) => [t.tableId, t.itemId]));
  const sceneTables = new Map(scene.tables.map((t) => [t.id, t]));
  for (const pair of pairs) {
    const wanted = [...(wantedByPair.get(pair) ?? [])].sort(byAttachRow);
    const existing = [...(existingByPair.get(pair) ?? [])].sort((a, b) => (a.fromAttach?.y ?? 0) - (b.fromAttach?.y ?? 0));
    const unmatched: SceneConnector[] = [];
    for (const connector of wanted) {
      const index = existing.findIndex((e) => drawsAs(e, connector));
      if (index >= 0) {
        const [match] = existing.splice(index, 1);
        plan.connectorMatches.push({ connectorId: match!.connectorId, relationId: connector.id, strokeColor: match!.strokeColor });
        plan.unchanged.relations++;
      } else unmatched.push(connector);
    }
    // Same two tables, drawn otherwise: update in place. It is a change of the schema only when the
    // connector now joins other rows or has other caps; a connector that only moved is not.
    while (unmatched.length > 0 && existing.length > 0) {
      const connector = unmatched.shift()!;
      const old = existing.shift()!;
      const request = connectorRequest(connector, itemOfTable.get(connector.from)!, itemOfTable.get(connector.to)!);
      plan.connectorUpdates.push({
        connectorId: old.connectorId,
        relationId: connector.id,
        request: {
          startItem: request.startItem,
          endItem: request.endItem,
          style: connectorStyle(connector),
        },
      });
      if (!sameRelationMeaning(meaningOnBoard(old, board), meaningInScene(connector, sceneTables))) {
        plan.changes.relationsChanged.push(connector.id);
      } else plan.moved.relations++;
    }
    for (const connector of unmatched) {
      plan.connectorCreates.push({ connector });
      plan.changes.relationsAdded.push(connector.id);
    }
    for (const old of existing) {
      const label = `${old.fromTableId} → ${old.toTableId}`;
      plan.changes.relationsRemoved.push(label);
      const fromGone = deletedItems.has(itemOfTable.get(old.fromTableId) ?? '');
      const toGone = deletedItems.has(itemOfTable.get(old.toTableId) ?? '');
      if (fromGone || toGone) continue; // Miro deletes it with the shape
      if (options.prune) plan.connectorDeletes.push({ connectorId: old.connectorId, label });
      else plan.kept.relations++;
    }
  }
  for (const connectorId of board.duplicateConnectors) {
    plan.connectorDeletes.push({ connectorId, label: 'duplicate' });
  }
}

function planFrameDeletes(
  scene: BoardScene,
  board: BoardState,
  options: PlanOptions,
  plan: SyncPlan,
  deletedItems: ReadonlySet<string>,
): void {
  const wanted = new Set(scene.frames.map((f) => f.schema));
  for (const [schema, frame] of sortedEntries(board.frames)) {
    if (wanted.has(schema)) continue;
    const children = board.frameChildren.get(frame.itemId) ?? [];
    // Deleting a frame may take its content along: only an empty one (once our deletions ran) goes.
    if (options.prune && children.every((id) => deletedItems.has(id))) {
      plan.frameDeletes.push({ itemId: frame.itemId, kind: 'frame', label: schema });
    } else plan.kept.frames++;
  }
}

/**
 * An item recognised by what it shows gets its signature written again where the board evidently keeps
 * signatures in items stored like it: rich text (tables, the title, legends) when some rich-text item of
 * ours still carries its signature, a frame's plain-text title when some frame does. Where the board drops
 * them (everywhere, or only in frame titles) a new one would be dropped again: a write on every run for nothing.
 */
function resigns(board: BoardState, key: string): boolean {
  let keys = resignedKeys.get(board);
  if (keys === undefined) {
    const storage = (kind: string): string => (kind === 'frame' ? 'plain' : 'rich');
    const kept = new Set([...board.signedKinds].map(storage));
    keys = new Set([...board.adoptedKinds].filter(([, kind]) => kept.has(storage(kind))).map(([adopted]) => adopted));
    resignedKeys.set(board, keys);
  }
  return keys.has(key);
}
const resignedKeys = new WeakMap<BoardState, ReadonlySet<string>>();
function meaningOnBoard(connector: OurConnector, board: BoardState): ConnectorMeaning {
  const end = (tableId: string, attach: Point | null) => {
    const table = board.tables.get(tableId);
    return { content: table?.content ?? '', height: table?.box.height ?? 0, attach };
  };
  return {
    from: end(connector.fromTableId, connector.fromAttach),
    to: end(connector.toTableId, connector.toAttach),
    startCap: connector.startCap,
    endCap: connector.endCap,
    strokeStyle: connector.strokeStyle,
  };
}

function meaningInScene(connector: SceneConnector, tables: ReadonlyMap<string, SceneTable>): ConnectorMeaning {
  const end = (tableId: string, attach: Point) => {
    const table = tables.get(tableId);
    return { content: table === undefined ? '' : wantedText(table).content, height: table?.box.height ?? 0, attach };
  };
  return {
    from: end(connector.from, connector.fromAttach),
    to: end(connector.to, connector.toAttach),
    startCap: strokeCap(connector.startMarker),
    endCap: strokeCap(connector.endMarker),
    strokeStyle: connector.style === 'dashed' ? 'dashed' : 'normal',
  };
}

/** True when connector `e` on the board draws scene connector `c` (colour and line shape are the user's to change). */
function drawsAs(e: OurConnector, c: SceneConnector): boolean {
  return (
    nearPoint(e.fromAttach, c.fromAttach) &&
    nearPoint(e.toAttach, c.toAttach) &&
    e.startCap === strokeCap(c.startMarker) &&
    e.endCap === strokeCap(c.endMarker) &&
    e.strokeStyle === (c.style === 'dashed' ? 'dashed' : 'normal')
  );
}

function nearPoint(a: Point | null, b: Point): boolean {
  if (a === null) return false;
  // Compare as sent: two decimals of a percent.
  const sent = (v: number): number => Number.parseFloat(attachPercent(v)) / 100;
  return Math.abs(a.x - sent(b.x)) <= ATTACH_TOLERANCE && Math.abs(a.y - sent(b.y)) <= ATTACH_TOLERANCE;
}

// Building and canonicalising a table's text is the plan's main cost on large boards: once per object.
const wantedTexts = new WeakMap<SceneTable, { content: string; canonical: string }>();
const boardTexts = new WeakMap<OurTableItem, string>();

function wantedText(table: SceneTable): { content: string; canonical: string } {
  let text = wantedTexts.get(table);
  if (text === undefined) {
    const content = tableContent(table);
    text = { content, canonical: canonicalMiroText(content) };
    wantedTexts.set(table, text);
  }
  return text;
}

/** True when the shape reads as the table's text (byte-equal content, the usual case, skips canonicalising). */
function sameText(item: OurTableItem, table: SceneTable): boolean {
  const wanted = wantedText(table);
  return item.content === wanted.content || textOf(item) === wanted.canonical;
}

function textOf(item: OurTableItem): string {
  let text = boardTexts.get(item);
  if (text === undefined) {
    text = canonicalMiroText(item.content);
    boardTexts.set(item, text);
  }
  return text;
}

/** The scene box of `table`, moved along with its frame when the frame sits elsewhere on the board. */
function sceneBoxIn(table: SceneTable, sceneFrame: SceneFrame | undefined, boardFrame: Box | undefined): Box {
  if (sceneFrame === undefined || boardFrame === undefined) return table.box;
  return {
    ...table.box,
    x: table.box.x - sceneFrame.box.x + boardFrame.x,
    y: table.box.y - sceneFrame.box.y + boardFrame.y,
  };
}

/** The frame a table belongs in: its schema's, or its named diagram's. */
function frameKeyOf(table: SceneTable): string {
  return table.frame ?? table.schema;
}

function currentParent(item: OurTableItem): PlannedParent | null {
  return item.parentId === null || item.parentTopLeft === null ? null : { itemId: item.parentId, topLeft: item.parentTopLeft };
}

function sameParent(item: OurTableItem, parent: PlannedParent | null): boolean {
  if (parent === null) return item.parentId === null;
  return 'itemId' in parent && parent.itemId === item.parentId;
}

function centreFrom(box: Box, origin: Point): { x: number; y: number } {
  return { x: round2(box.x + box.width / 2 - origin.x), y: round2(box.y + box.height / 2 - origin.y) };
}

function topLeft(box: Box): Point {
  return { x: box.x, y: box.y };
}

function samePlace(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && sameSize(a, b);
}

/** Miro sizes a text's height from its content: a text is in place when its centre and width are. */
function sameTextPlace(a: Box, b: Box): boolean {
  const centre = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
  const ca = centre(a);
  const cb = centre(b);
  return Math.abs(ca.x - cb.x) < 0.5 && Math.abs(ca.y - cb.y) < 0.5 && Math.abs(a.width - b.width) < 0.5;
}

function sameSize(a: Box, b: Box): boolean {
  return Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;
}

function byAttachRow(a: SceneConnector, b: SceneConnector): number {
  return a.fromAttach.y - b.fromAttach.y || a.toAttach.y - b.toAttach.y || compareStrings(a.id, b.id);
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => compareStrings(a, b));
}
