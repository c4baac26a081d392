/**
 * The board's "Schema history": one text item of ours, at the board's edge, listing the runs that changed
 * the schema drawn there (date, change label, tables and relations added / removed / changed), newest
 * first, the last 20 kept.
 *
 * It needs no local state: the previous entries are read back from the item itself, from its canonical
 * text (item-text.ts), so they survive an editor that drops the signature and respells the HTML. The item
 * is recognised by its signature, else by what it shows (its heading, and every other line an entry or
 * the note), like our other items; a run that changes nothing leaves it alone. Pure, except
 * `writeHistory` (one call through the client).
 */
import type { MiroGenericItem, MiroTextCreateRequest, MiroTextUpdateRequest } from '../miro/openapi/index.js';
import type { Box } from '../model/layout.js';
import { SCENE_TEXT } from '../model/scene.js';
import { compareStrings } from '../util/compare.js';
import { compareIds } from './board-state.js';
import { canonicalMiroText, escapeMiroHtml } from './item-text.js';
import { MIRO_TABLE_FONT, miroPosition } from './items.js';
import type { SyncClient } from './miro-port.js';
import { OccupiedSpace, PLACEMENT_GAP, findFreeBox } from './placement.js';
import type { SchemaChanges } from './plan.js';
import { readSignature, signatureText } from './signature.js';

export const HISTORY_HEADING = 'Schema history';
/** Entries kept: the newest 20. */
export const HISTORY_LIMIT = 20;
const HISTORY_NOTE = `newest first, the last ${HISTORY_LIMIT} runs that changed the schema (+ added, - removed, ~ changed)`;
/** The label of a run that named no change (the library without `mark`). */
const DEFAULT_LABEL = 'schema changed';
const MAX_LABEL_CHARS = 80;
/** Wide enough for an entry with a migration's name on one line (monospace cells). */
const HISTORY_CELLS = 100;
const TEXT_COLOR = '#0f172a';
/** Miro's line height for a text item, as a multiple of its font size. */
const LINE_HEIGHT = 1.4;

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface HistoryEntry {
  /** `2026-12-01 14:05 UTC`. */
  at: string;
  label: string;
  tables: ChangeCounts;
  relations: ChangeCounts;
}

export interface HistoryOnBoard {
  itemId: string;
  /** Board coordinates (an obstacle for new items). */
  box: Box;
  /** As read back, newest first. */
  entries: HistoryEntry[];
  /** False when recognised by what it shows (its signature was dropped). */
  signed: boolean;
}

export type HistoryWrite =
  | { action: 'create'; box: Box; entries: HistoryEntry[]; request: MiroTextCreateRequest }
  | { action: 'update'; itemId: string; entries: HistoryEntry[]; request: MiroTextUpdateRequest };

/** This run's entry, or null when the schema on the board did not change. */
export function historyEntry(changes: SchemaChanges, label: string | undefined, now: Date): HistoryEntry | null {
  const tables = { added: changes.tablesAdded.length, removed: changes.tablesRemoved.length, changed: changes.tablesChanged.length };
  const relations = {
    added: changes.relationsAdded.length,
    removed: changes.relationsRemoved.length,
    changed: changes.relationsChanged.length,
  };
  if ([tables, relations].every((c) => c.added + c.removed + c.changed === 0)) return null;
  const iso = now.toISOString();
  return { at: `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`, label: cleanLabel(label), tables, relations };
}

function cleanLabel(label: string | undefined): string {
  const text = (label ?? '').replace(/\s+/g, ' ').trim() || DEFAULT_LABEL;
  const chars = [...text];
  return chars.length <= MAX_LABEL_CHARS ? text : `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`;
}

/** `2026-12-01 14:05 UTC · changed in 3_add_tags.sql · tables +3 -1 ~2 · relations +4 -0 ~0`. */
export function entryLine(entry: HistoryEntry): string {
  const counts = (c: ChangeCounts): string => `+${c.added} -${c.removed} ~${c.changed}`;
  return `${entry.at} · ${entry.label} · tables ${counts(entry.tables)} · relations ${counts(entry.relations)}`;
}

const ENTRY_LINE =
  /^(\d{4}-\d\d-\d\d \d\d:\d\d UTC) · (.+) · tables \+(\d+) -(\d+) ~(\d+) · relations \+(\d+) -(\d+) ~(\d+)$/u;

function parseEntry(line: string): HistoryEntry | null {
  const m = ENTRY_LINE.exec(line);
  if (m === null) return null;
  const n = (i: number): number => Number(m[i]);
  return { at: m[1]!, label: m[2]!, tables: { added: n(3), removed: n(4), changed: n(5) }, relations: { added: n(6), removed: n(7), changed: n(8) } };
}

/** The item's text: the heading (with the signature), the note, one paragraph per entry. */
export function historyContent(entries: readonly HistoryEntry[]): string {
  const lines = [`<p><strong>${HISTORY_HEADING}</strong>${signatureText({ kind: 'history' })}</p>`, `<p>${escapeMiroHtml(HISTORY_NOTE)}</p>`];
  for (const entry of entries) lines.push(`<p>${escapeMiroHtml(entryLine(entry))}</p>`);
  return lines.join('');
}

/**
 * The entries a text item shows, or null when it is not a history of ours: its first line is the heading,
 * and (`strict`, for an item without our signature) every other line is the note or an entry. A signed
 * item's lines that no longer read as entries (a user's edit) are dropped.
 */
export function readHistoryText(content: string | undefined, strict: boolean): HistoryEntry[] | null {
  const [heading, ...lines] = canonicalMiroText(content).split('\n').map((line) => line.trim());
  if (heading !== HISTORY_HEADING) return null;
  const entries: HistoryEntry[] = [];
  for (const line of lines) {
    if (line === '' || line === HISTORY_NOTE) continue;
    const entry = parseEntry(line);
    if (entry !== null) entries.push(entry);
    else if (strict) return null;
  }
  return entries;
}

/**
 * Takes our history text out of a board's items: the signed one first, else one recognised by what it
 * shows; of several, the oldest. The others stay in `rest` (a user's copy is theirs; the sync leaves it
 * alone, and its signature is not claimed by board-state.ts).
 */
export function takeHistory(items: readonly MiroGenericItem[]): { history: HistoryOnBoard | null; rest: MiroGenericItem[] } {
  const candidates: { item: MiroGenericItem; entries: HistoryEntry[]; signed: boolean }[] = [];
  for (const item of items) {
    if (item.type !== 'text') continue;
    const content = (item.data as { content?: string } | undefined)?.content;
    const signed = readSignature(content)?.kind === 'history';
    const entries = readHistoryText(content, !signed);
    if (entries !== null) candidates.push({ item, entries, signed });
  }
  candidates.sort(
    (a, b) =>
      Number(b.signed) - Number(a.signed) ||
      compareStrings(a.item.createdAt ?? '', b.item.createdAt ?? '') ||
      compareIds(a.item.id, b.item.id),
  );
  const kept = candidates[0];
  if (kept === undefined) return { history: null, rest: [...items] };
  const history: HistoryOnBoard = { itemId: kept.item.id, box: boxOf(kept.item, items), entries: kept.entries, signed: kept.signed };
  return { history, rest: items.filter((item) => item !== kept.item) };
}

/** The room the history on the board takes, grown to hold every entry: new items keep clear of it. */
export function historyObstacle(history: HistoryOnBoard): Box {
  return { ...history.box, height: Math.max(history.box.height, textHeight(HISTORY_LIMIT)) };
}

function boxOf(item: MiroGenericItem, items: readonly MiroGenericItem[]): Box {
  const parent = item.parent?.id === undefined ? undefined : items.find((other) => other.id === item.parent!.id);
  // Children are positioned from their frame's top-left corner; frames sit on the canvas.
  const originX = parent === undefined ? 0 : (parent.position?.x ?? 0) - (parent.geometry?.width ?? 0) / 2;
  const originY = parent === undefined ? 0 : (parent.position?.y ?? 0) - (parent.geometry?.height ?? 0) / 2;
  const width = item.geometry?.width ?? 0;
  const height = item.geometry?.height ?? 0;
  return { x: originX + (item.position?.x ?? 0) - width / 2, y: originY + (item.position?.y ?? 0) - height / 2, width, height };
}

/**
 * The write this run's entry needs: none when there is no entry; an update of the item on the board (the
 * entry on top, the oldest beyond the limit dropped); else a new item left of the diagram's extent,
 * clear of everything on the board, with room for every entry it will hold (it grows downwards).
 */
export function planHistory(
  history: HistoryOnBoard | null,
  entry: HistoryEntry | null,
  place: { diagram: readonly Box[]; others: readonly Box[] },
): HistoryWrite | null {
  if (entry === null) return null;
  const entries = [entry, ...(history?.entries ?? [])].slice(0, HISTORY_LIMIT);
  const content = historyContent(entries);
  if (history !== null) return { action: 'update', itemId: history.itemId, entries, request: { data: { content } } };
  const box = historyBox(place.diagram, place.others);
  return {
    action: 'create',
    box,
    entries,
    request: {
      data: { content },
      style: { color: TEXT_COLOR, fontFamily: MIRO_TABLE_FONT, fontSize: String(SCENE_TEXT.fontSize), textAlign: 'left' },
      // Miro sizes a text's height from its content: the item starts at the reserved box's top.
      position: miroPosition({ box: { ...box, height: textHeight(entries.length) } }),
      geometry: { width: box.width },
    },
  };
}

function textHeight(entries: number): number {
  return Math.ceil((entries + 2) * SCENE_TEXT.fontSize * LINE_HEIGHT);
}

function historyBox(diagram: readonly Box[], others: readonly Box[]): Box {
  const width = Math.ceil(2 * SCENE_TEXT.paddingX + HISTORY_CELLS * SCENE_TEXT.charWidth);
  const height = textHeight(HISTORY_LIMIT);
  const extent = boundsOf(diagram);
  const wanted = { x: extent.x - 2 * PLACEMENT_GAP - width, y: extent.y, width, height };
  // The extent itself is an obstacle: the history never sits inside the diagram, even in a gap of it.
  return findFreeBox(wanted, new OccupiedSpace([...others, ...diagram, ...(extent.width > 0 ? [extent] : [])]));
}

function boundsOf(boxes: readonly Box[]): Box {
  const drawn = boxes.filter((b) => b.width > 0 || b.height > 0);
  if (drawn.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...drawn.map((b) => b.x));
  const y = Math.min(...drawn.map((b) => b.y));
  const right = Math.max(...drawn.map((b) => b.x + b.width));
  const bottom = Math.max(...drawn.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** Carries out the history's write. */
export async function writeHistory(client: SyncClient, boardId: string, write: HistoryWrite): Promise<void> {
  if (write.action === 'create') await client.createText(boardId, write.request);
  else await client.updateText(boardId, write.itemId, write.request);
}
