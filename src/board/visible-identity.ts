/**
 * The second layer of identity: recognising an item of ours by what it shows when its invisible signature
 * is gone (a board that normalises text drops default-ignorable characters; a user may retype a header).
 * A table shape is known by its header (the name as drawn) within its frame, a frame by its title, the
 * board title by its heading. Only names the scene gives to exactly one element count: an ambiguous
 * name adopts nothing. Pure: no I/O.
 */
import { diagramFrameKey, idInDiagram, isDiagramCopyId, KEY_MARKER_TEXT, type BoardScene } from '../model/scene.js';
import { canonicalMiroText, canonicalPlainText, dropInvisible } from './item-text.js';
import { areaTitleStem } from '../model/diagram.js';

export interface VisibleNames {
  /** Frame title -> frame key (`public`, `diagram:Orders`). */
  frames: ReadonlyMap<string, string>;
  /** A subject area's frame title without its table count -> frame key: the count changes as the area grows. */
  areaFrames: ReadonlyMap<string, string>;
  /** `frameKey` + NUL + header -> table id; the frame key is '' for a table drawn outside any frame. */
  tablesInFrame: ReadonlyMap<string, string>;
  /** Header -> table id, for headers only one table of the scene shows (found outside its frame too). */
  tablesAnywhere: ReadonlyMap<string, string>;
  /** The title's heading (its first line). */
  heading: string | null;
  /** The schema of every table, when the scene draws one schema (its headers are then unqualified). */
  singleSchema: string | null;
  /** Each table's self-references, with the row their loop leaves from (relative y), sorted by id. */
  loops: ReadonlyMap<string, readonly { relationId: string; fromAttachY: number }[]>;
  /**
   * `frameKey` + NUL + header -> the ids of the reference boxes that show it in that frame, when there are
   * several (copies of one table's box, beside different clusters of its referencing tables), in reading
   * order of their places. They look alike, so the board's shapes are matched to them in the same order.
   */
  copiesInFrame: ReadonlyMap<string, readonly string[]>;
  /** The enum legends by the key of the frame they sit in (`NO_FRAME` outside frames), with their text as read. */
  enumLegends: ReadonlyMap<string, readonly { id: string; text: string }[]>;
}

export const NO_FRAME = '';

export function visibleNames(scene: BoardScene): VisibleNames {
  const frameKeys = new Set(scene.frames.map((f) => f.schema));
  const frames = uniqueIndex(scene.frames.map((f) => [canonicalPlainText(f.title), f.schema]));
  const areaFrames = uniqueIndex(scene.frames.filter((f) => f.area !== undefined).map((f) => [areaTitleStem(canonicalPlainText(f.title)), f.schema]));
  const tablesInFrame = uniqueIndex(
    scene.tables.map((t) => {
      const key = t.frame ?? t.schema;
      return [inFrameKey(frameKeys.has(key) ? key : NO_FRAME, canonicalPlainText(t.header)), t.id];
    }),
  );
  const tablesAnywhere = uniqueIndex(scene.tables.map((t) => [canonicalPlainText(t.header), t.id]));
  const heading = scene.title.lines[0];
  const schemas = new Set(scene.tables.map((t) => t.schema));
  return {
    frames,
    areaFrames,
    tablesInFrame,
    tablesAnywhere,
    heading: heading === undefined ? null : canonicalPlainText(heading),
    singleSchema: schemas.size === 1 ? [...schemas][0]! : null,
    loops: selfReferencesByTable(scene),
    copiesInFrame: referenceCopies(scene, frameKeys),
    enumLegends: legendsByFrame(scene),
  };
}

function referenceCopies(scene: BoardScene, frameKeys: ReadonlySet<string>): Map<string, string[]> {
  const groups = new Map<string, BoardScene['tables']>();
  for (const t of scene.tables) {
    const frame = t.frame ?? t.schema;
    if (!t.reference || !frameKeys.has(frame)) continue;
    const key = inFrameKey(frame, canonicalPlainText(t.header));
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const copies = new Map<string, string[]>();
  for (const [key, members] of groups) {
    if (members.length < 2 || new Set(members.map((t) => t.reference?.table)).size !== 1) continue;
    copies.set(key, [...members].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x || (a.id < b.id ? -1 : 1)).map((t) => t.id));
  }
  return copies;
}

function legendsByFrame(scene: BoardScene): Map<string, { id: string; text: string }[]> {
  const byFrame = new Map<string, { id: string; text: string }[]>();
  // The legend's lines are plain text with no trailing space: read back canonically, they are its lines.
  for (const legend of scene.enumLegends) byFrame.set(legend.frame, [...(byFrame.get(legend.frame) ?? []), { id: legend.id, text: legend.lines.join('\n') }]);
  return byFrame;
}

function selfReferencesByTable(scene: BoardScene): Map<string, { relationId: string; fromAttachY: number }[]> {
  const loops = new Map<string, { relationId: string; fromAttachY: number }[]>();
  for (const connector of scene.connectors) {
    if (connector.from !== connector.to) continue;
    const list = loops.get(connector.from) ?? [];
    list.push({ relationId: connector.id, fromAttachY: connector.fromAttach.y });
    loops.set(connector.from, list);
  }
  return loops;
}

export function inFrameKey(frameKey: string, header: string): string {
  return `${frameKey}\u0000${header}`;
}

/**
 * The header a table shape of ours shows: the bold run opening its first line (a change mark may follow
 * it), as read; null for a shape whose text does not start that way (not drawn by schema-to-miro).
 */
export function headerOnBoard(content: string): string | null {
  const first = /^\s*(?:<p>)?\s*<(strong|b)>([\s\S]*?)<\/\1>/i.exec(dropInvisible(content));
  if (first === null) return null;
  const header = canonicalMiroText(first[2]).split('\n')[0]!.trim();
  return header === '' ? null : header;
}

/**
 * The table id a shape of ours names by what it shows, for a table the scene no longer has (so that it is
 * pruned like any table of ours): only for a shape whose every line reads as our drawing of a table (a bold
 * header, then key marker, name and type per row), and whose schema its header or frame tells.
 */
export function shownTableId(content: string, frameKey: string, names: VisibleNames): string | null {
  const header = headerOnBoard(content);
  if (header === null || !looksLikeOurTable(content)) return null;
  const diagram = isDiagramCopyId(frameKey) ? frameKey.slice('diagram:'.length) : null;
  const schemaFrame = frameKey !== NO_FRAME && diagram === null ? frameKey : null;
  const base = header.includes('.')
    ? header
    : schemaFrame !== null
      ? `${schemaFrame}.${header}`
      : names.singleSchema !== null
        ? `${names.singleSchema}.${header}`
        : null;
  if (base === null) return null;
  return diagram === null ? base : idInDiagram(diagram, base);
}

/**
 * The key of a frame of ours the scene no longer has (a dropped schema or named diagram), by what it shows:
 * a title, and inside it at least one shape that reads as our drawing of a table. A schema's frame is drawn
 * only beside other schemas' frames, so its headers are qualified with its own name; headers unqualified
 * or naming another schema make it a named diagram's frame.
 */
export function shownFrameKey(title: string, childContents: readonly string[]): string | null {
  const name = canonicalPlainText(title);
  if (name === '') return null;
  let ours = false;
  let diagram = false;
  for (const content of childContents) {
    const header = headerOnBoard(content);
    if (header === null || !looksLikeOurTable(content)) continue;
    ours = true;
    if (!header.startsWith(`${name}.`)) diagram = true;
  }
  if (!ours) return null;
  return diagram ? diagramFrameKey(name) : name;
}

const ROW_LINE = new RegExp(`^(?:${Object.values(KEY_MARKER_TEXT).join('|')}|  ) \\S`);

function looksLikeOurTable(content: string): boolean {
  // The table's comment line (an italic paragraph under the header) is no row.
  const [, ...rows] = canonicalMiroText(content.replace(/<p>\s*<em>[^<]*<\/em>\s*<\/p>/gi, '')).split('\n');
  return rows.length > 0 && rows.every((line) => ROW_LINE.test(line));
}

/** The first line of a text item, as read. */
export function headingOnBoard(content: string): string {
  return (canonicalMiroText(content).split('\n')[0] ?? '').trim();
}

/** Names that occur once map to their element; a repeated name maps to nothing. */
function uniqueIndex(entries: readonly (readonly [string, string])[]): Map<string, string> {
  const index = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [name, id] of entries) {
    if (name === '' || repeated.has(name)) continue;
    if (index.has(name) && index.get(name) !== id) {
      index.delete(name);
      repeated.add(name);
    } else index.set(name, id);
  }
  return index;
}
