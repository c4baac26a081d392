/**
 * `schema-to-miro doctor`: reads a board back and says what the board did with the items schema-to-miro
 * wrote: signatures kept or lost, text re-written (ours against theirs), fonts and sizes as stored,
 * connectors' attach points as stored, items recognised by their visible name. It writes nothing; its
 * text is what a user pastes into a bug report, so it holds board content and counts, never credentials.
 */
import type { MiroConnector, MiroGenericItem } from '../miro/openapi/index.js';
import { SCENE_TEXT, type BoardScene } from '../model/scene.js';
import { attachPercent, MIRO_TABLE_FONT, tableContent } from './items.js';
import { canonicalMiroText } from './item-text.js';
import { isLockItem } from './board-lock.js';
import { readBoardState, type BoardState } from './board-state.js';
import { takeHistory, type HistoryOnBoard } from './history.js';
import { withoutMarks } from './marks.js';
import type { MiroClient } from '../miro/client.js';
import { visibleNames } from './visible-identity.js';

/** How the board stores the text we send, as far as the read-back tells. */
export type TextStorage = 'verbatim' | 'normalising' | 'unknown';

export interface DoctorReport {
  boardId: string;
  boardName: string;
  items: { shapes: number; texts: number; frames: number; other: number; connectors: number };
  /** Items recognised as ours: tables, frames, title, loop circles, enum legends, connectors (loop legs included). */
  ours: { tables: number; frames: number; title: number; loops: number; legends: number; history: number; connectors: number };
  /** The board's "Schema history" (history.ts): its entries, and whether it still carries its signature; null when there is none. */
  history: { entries: number; signed: boolean } | null;
  /** Over the items of ours: how many still carry a readable signature. */
  signatures: { kept: number; lost: number };
  textStorage: TextStorage;
  /** Table texts compared with what this schema draws (only with a schema). */
  text: { compared: number; identical: number; rewrittenSameText: number; visiblyDifferent: number; example: TextExample | null };
  /** Keys of items recognised by what they show, not by signature. */
  adopted: string[];
  claims: BoardState['identity']['claims'];
  /** Styles of a few table shapes, read one by one (the listing carries none). */
  fonts: { sampled: number; families: Record<string, number>; sizes: Record<string, number>; expected: { family: string; size: string } };
  /** Table shapes at the size this schema draws them (only with a schema). */
  sizes: { compared: number; asDrawn: number };
  /** Attach points of our connectors as stored: relative positions (ours) or not; as this schema sets them. */
  attach: { connectors: number; relative: number; asSet: number; compared: number; example: string | null };
  lineHeight: string;
}

export interface TextExample {
  table: string;
  ours: string;
  theirs: string;
}

export interface DoctorOptions {
  /** The scene this schema draws: enables the text, size and attach comparisons. */
  scene?: BoardScene;
  /** Table shapes read one by one for their style. Default 3. */
  styleSamples?: number;
}

const DEFAULT_STYLE_SAMPLES = 3;
const EXAMPLE_CHARS = 160;
/** Characters shown before the first difference. */
const EXAMPLE_CONTEXT = 30;

/** The calls the doctor makes: reads only. */
export type DoctorClient = Pick<MiroClient, 'getBoard' | 'listItems' | 'listConnectors' | 'getShape'>;

export async function diagnoseBoard(client: DoctorClient, boardId: string, options: DoctorOptions = {}): Promise<DoctorReport> {
  const [board, listed, connectors] = await Promise.all([client.getBoard(boardId), client.listItems(boardId), client.listConnectors(boardId)]);
  // The history is read apart, as the sync reads it: the board state never claims it.
  const { history, rest } = takeHistory(listed.filter((item) => !isLockItem(item)));
  const items = rest;
  const scene = options.scene;
  const state = readBoardState(items, connectors, scene === undefined ? undefined : visibleNames(scene));
  const samples = [...state.tables.values()].slice(0, options.styleSamples ?? DEFAULT_STYLE_SAMPLES);
  const styles = await Promise.all(samples.map((table) => client.getShape(boardId, table.itemId)));
  const report = analyse(boardId, board.name, items, connectors, state, styles.map((s) => s.style ?? {}), scene);
  return history === null ? report : withHistory(report, history);
}

/** The report with the board's history counted among our items (and its text among the board's texts). */
function withHistory(report: DoctorReport, history: HistoryOnBoard): DoctorReport {
  const lost = history.signed ? 0 : 1;
  return {
    ...report,
    items: { ...report.items, texts: report.items.texts + 1 },
    ours: { ...report.ours, history: 1 },
    history: { entries: history.entries.length, signed: history.signed },
    signatures: { kept: report.signatures.kept + 1 - lost, lost: report.signatures.lost + lost },
  };
}

/** The report from what was read. Pure. */
export function analyse(
  boardId: string,
  boardName: string,
  items: readonly MiroGenericItem[],
  connectors: readonly MiroConnector[],
  state: BoardState,
  styles: readonly { fontFamily?: string; fontSize?: string }[],
  scene: BoardScene | undefined,
): DoctorReport {
  const count = (type: string): number => items.filter((i) => i.type === type).length;
  const oursCount = state.tables.size + state.frames.size + (state.title === null ? 0 : 1) + state.loops.size + state.enumLegends.size;
  const text = compareTexts(state, scene);
  const lost = state.identity.adopted.length;
  const families: Record<string, number> = {};
  const sizes: Record<string, number> = {};
  for (const style of styles) {
    const family = style.fontFamily ?? '(not stored)';
    const size = style.fontSize ?? '(not stored)';
    families[family] = (families[family] ?? 0) + 1;
    sizes[size] = (sizes[size] ?? 0) + 1;
  }
  return {
    boardId,
    boardName,
    items: {
      shapes: count('shape'),
      texts: count('text'),
      frames: count('frame'),
      other: items.length - count('shape') - count('text') - count('frame'),
      connectors: connectors.length,
    },
    ours: {
      tables: state.tables.size,
      frames: state.frames.size,
      title: state.title === null ? 0 : 1,
      loops: state.loops.size,
      legends: state.enumLegends.size,
      history: 0,
      connectors: state.connectors.length + state.loopLegs.length,
    },
    history: null,
    signatures: { kept: oursCount - lost, lost },
    textStorage: oursCount === 0 ? 'unknown' : lost > 0 || text.rewrittenSameText > 0 ? 'normalising' : 'verbatim',
    text,
    adopted: state.identity.adopted,
    claims: state.identity.claims,
    fonts: { sampled: styles.length, families, sizes, expected: { family: MIRO_TABLE_FONT, size: String(SCENE_TEXT.fontSize) } },
    sizes: compareSizes(state, scene),
    attach: compareAttach(connectors, state, scene),
    lineHeight: `not readable through Miro's REST API; rows are drawn ${SCENE_TEXT.rowHeight} units apart (the scene's row pitch) at font size ${SCENE_TEXT.fontSize}, and connectors attach at those rows`,
  };
}

function compareTexts(state: BoardState, scene: BoardScene | undefined): DoctorReport['text'] {
  const result: DoctorReport['text'] = { compared: 0, identical: 0, rewrittenSameText: 0, visiblyDifferent: 0, example: null };
  if (scene === undefined) return result;
  // Change marks are the sync's own and not a re-write: compared without them.
  const unmarked = withoutMarks(state);
  for (const table of scene.tables) {
    const item = unmarked.tables.get(table.id);
    if (item === undefined) continue;
    result.compared++;
    const ours = tableContent(table);
    if (item.content === ours) {
      result.identical++;
      continue;
    }
    if (canonicalMiroText(item.content) === canonicalMiroText(ours)) result.rewrittenSameText++;
    else result.visiblyDifferent++;
    result.example ??= { table: table.id, ...whereTheyDiffer(visible(ours), visible(item.content)) };
  }
  return result;
}

function compareSizes(state: BoardState, scene: BoardScene | undefined): DoctorReport['sizes'] {
  let compared = 0;
  let asDrawn = 0;
  for (const table of scene?.tables ?? []) {
    const item = state.tables.get(table.id);
    if (item === undefined) continue;
    compared++;
    if (Math.abs(item.box.width - table.box.width) < 1 && Math.abs(item.box.height - table.box.height) < 1) asDrawn++;
  }
  return { compared, asDrawn };
}

function compareAttach(connectors: readonly MiroConnector[], state: BoardState, scene: BoardScene | undefined): DoctorReport['attach'] {
  const ours = new Set([...state.connectors, ...state.loopLegs].map((c) => c.connectorId));
  const mine = connectors.filter((c) => ours.has(c.id));
  const relative = mine.filter((c) => isRelative(c.startItem?.position) && isRelative(c.endItem?.position)).length;
  let compared = 0;
  let asSet = 0;
  let example: string | null = null;
  if (scene !== undefined) {
    const wanted = new Set(
      scene.connectors.flatMap((c) => [
        `${attachPercent(c.fromAttach.x)},${attachPercent(c.fromAttach.y)}`,
        `${attachPercent(c.toAttach.x)},${attachPercent(c.toAttach.y)}`,
      ]),
    );
    for (const connector of state.connectors) {
      const stored = connectors.find((c) => c.id === connector.connectorId);
      if (stored === undefined) continue;
      compared++;
      const ends = [stored.startItem?.position, stored.endItem?.position].map((p) => `${p?.x ?? '-'},${p?.y ?? '-'}`);
      if (ends.every((end) => wanted.has(end))) asSet++;
      else example ??= `${connector.fromTableId} → ${connector.toTableId}: stored ${ends.join(' / ')}`;
    }
  }
  return { connectors: mine.length, relative, asSet, compared, example };
}

function isRelative(position: { x?: string; y?: string } | undefined): boolean {
  return typeof position?.x === 'string' && position.x.endsWith('%') && typeof position.y === 'string' && position.y.endsWith('%');
}

/** Raw text with its invisible characters spelled out, so a pasted report shows them. */
function visible(text: string): string {
  return text.replace(/\p{Default_Ignorable_Code_Point}/gu, (ch) => `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`).replace(/\u00a0/g, '<U+00A0>');
}

/** Both texts from a little before their first difference, `EXAMPLE_CHARS` long at most. */
function whereTheyDiffer(ours: string, theirs: string): { ours: string; theirs: string } {
  const a = [...ours];
  const b = [...theirs];
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  const start = Math.max(0, same - EXAMPLE_CONTEXT);
  const cut = (chars: string[]): string =>
    (start > 0 ? '…' : '') + chars.slice(start, start + EXAMPLE_CHARS).join('') + (chars.length > start + EXAMPLE_CHARS ? '…' : '');
  return { ours: cut(a), theirs: cut(b) };
}

/** The report as text: what a person pastes into a bug report. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = [];
  const { items, ours } = report;
  lines.push(`schema-to-miro doctor: board ${report.boardId} ("${report.boardName}")`);
  lines.push(`Items: ${items.shapes} shapes, ${items.texts} texts, ${items.frames} frames, ${items.other} other, ${items.connectors} connectors`);
  lines.push(
    `Ours: ${ours.tables} tables, ${ours.frames} frames, ${ours.title} title, ${ours.loops} self-reference loops, ${ours.legends} enum legends, ${ours.history} schema history, ${ours.connectors} connectors`,
  );
  lines.push(`Signatures: kept on ${report.signatures.kept}, lost on ${report.signatures.lost} of our items`);
  const storage = {
    verbatim: 'verbatim: the board keeps the text schema-to-miro writes, invisible signature included',
    normalising: 'normalising: the board re-writes our text (invisible characters dropped and/or HTML re-serialised); items are recognised by what they show',
    unknown: 'unknown: no items of ours on this board',
  }[report.textStorage];
  lines.push(`Text storage: ${storage}`);
  const text = report.text;
  if (text.compared > 0) {
    lines.push(
      `Table texts: ${text.identical} of ${text.compared} stored as written, ${text.rewrittenSameText} re-written with the same visible text, ${text.visiblyDifferent} visibly different (schema changed since, or edited on the board)`,
    );
    if (text.example !== null) {
      lines.push(`  e.g. ${text.example.table}`);
      lines.push(`    ours:   ${text.example.ours}`);
      lines.push(`    theirs: ${text.example.theirs}`);
    }
  } else lines.push('Table texts: not compared (no schema given: pass --db or --sql, or run where the config file is)');
  lines.push(`Recognised by visible name: ${report.adopted.length === 0 ? 'none' : listed(report.adopted)}`);
  for (const claim of report.claims) {
    lines.push(`Claimed twice: ${claim.key} by ${claim.keptItemId} (kept) and ${claim.otherItemIds.join(', ')} (left alone)`);
  }
  const fonts = report.fonts;
  lines.push(
    fonts.sampled === 0
      ? 'Fonts: no table shape to read'
      : `Fonts as stored (${fonts.sampled} tables read): family ${tally(fonts.families)}; size ${tally(fonts.sizes)} (we write ${fonts.expected.family}, ${fonts.expected.size})`,
  );
  if (report.sizes.compared > 0) lines.push(`Sizes: ${report.sizes.asDrawn} of ${report.sizes.compared} tables at the size we draw them`);
  const attach = report.attach;
  lines.push(
    `Connector attach points: ${attach.relative} of ${attach.connectors} stored as relative positions` +
      (attach.compared > 0 ? `, ${attach.asSet} of ${attach.compared} exactly as we set them` : ''),
  );
  if (attach.example !== null) lines.push(`  e.g. ${attach.example}`);
  lines.push(`Line height: ${report.lineHeight}`);
  lines.push('Nothing was written.');
  return lines.join('\n');
}

function tally(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, n]) => `${value} ×${n}`)
    .join(', ');
}

function listed(keys: readonly string[]): string {
  const byKind = new Map<string, number>();
  for (const key of keys) {
    const kind = key.split(':')[0]!;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return [...byKind].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
}
