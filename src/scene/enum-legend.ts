/**
 * Enum legends (`SceneEnumLegend`, src/model/scene.ts): per frame, one small card listing the enum types
 * its tables show, each with its values. It sits inside its frame where no table, self-reference circle
 * or route is (the corner nearest the frame's bottom right); a frame with no such room grows downwards
 * to hold it, and what lies below moves down by as much. A diagram drawn without frames gets one legend,
 * beside the title. Its size comes from its text in the scene's monospace cells, like a table's. Pure.
 */
import type { Diagram, DiagramEnum } from '../model/diagram.js';
import type { Box, Point } from '../model/layout.js';
import {
  ENUM_LEGEND_HEADER,
  enumLegendId,
  NO_FRAME_KEY,
  SCENE_TEXT,
  type SceneConnector,
  type SceneEnumLegend,
  type SceneFrame,
  type SceneTable,
  type SceneText,
} from '../model/scene.js';
import { compareStrings } from '../util/compare.js';
import { textCells, truncateCells } from '../util/text-cells.js';

/** A line of the legend is cut to this many cells: values past it are counted (`… 4 more`). */
export const LEGEND_LINE_CELLS = 64;
/** Enum names longer than this are cut with "…". */
const NAME_CELLS = 40;
/** Enum types listed per legend; more are counted on a last line. */
export const LEGEND_MAX_ENUMS = 16;
const VALUE_SEPARATOR = ' · ';
/** Space below the last line, as under a table's last row. */
const PADDING_BOTTOM = 8;
/** Between the legend and the frame's border, and between the legend and any table. */
const INSET = 24;
const GAP = 24;
/** Between the title and a frameless diagram's legend. */
const TITLE_SPACING = 48;

export interface SceneParts {
  title: SceneText;
  frames: SceneFrame[];
  tables: SceneTable[];
  connectors: SceneConnector[];
}

/** The scene's legends, and its parts as they are once frames grew to hold them (new arrays; the input is not changed). */
export function withEnumLegends(diagram: Diagram, parts: SceneParts): SceneParts & { enumLegends: SceneEnumLegend[] } {
  const enums = diagram.enums ?? [];
  let { frames, tables, connectors } = parts;
  const legends: SceneEnumLegend[] = [];
  if (enums.length === 0) return { ...parts, enumLegends: legends };
  const frameKeys = new Set(frames.map((f) => f.schema));
  const groupOf = (table: SceneTable): string => {
    const key = table.frame ?? table.schema;
    return frameKeys.has(key) ? key : NO_FRAME_KEY;
  };
  const groups = new Map<string, Set<string>>();
  for (const table of tables) {
    if (table.reference) continue; // a stand-in: its table's legend is in that table's frame
    const key = groupOf(table);
    groups.set(key, (groups.get(key) ?? new Set()).add(table.id));
  }
  for (const key of [...groups.keys()].sort(compareStrings)) {
    const ids = groups.get(key)!;
    const shown = enums.filter((e) => e.tables.some((id) => ids.has(id)));
    if (shown.length === 0) continue;
    const text = legendText(shown);
    const size = legendSize(text.lines);
    if (key === NO_FRAME_KEY) {
      const colors = tables.find((t) => ids.has(t.id))!.colors;
      legends.push({ id: enumLegendId(key), frame: key, box: besideTitle(parts.title.box, size), ...text, colors });
      continue;
    }
    const frame = frames.find((f) => f.schema === key)!;
    const inFrame = tables.filter((t) => groupOf(t) === key);
    const free = freeSpot(frame.box, size, obstaclesIn(frame.box, inFrame, connectors), routeSegmentsIn(frame.box, connectors));
    if (free !== null) {
      legends.push({ id: enumLegendId(key), frame: key, box: free, ...text, colors: frame.colors });
      continue;
    }
    // No room: the frame grows below its tables, and everything under its old bottom edge moves down.
    const grown = growFrame(frame.box, size, inFrame);
    const shifted = shiftBelow({ frames, tables, connectors }, frame.box.y + frame.box.height, grown.shift, key);
    ({ frames, tables, connectors } = shifted);
    for (const legend of legends) if (shifted.moved.has(legend.frame)) legend.box = { ...legend.box, y: legend.box.y + grown.shift };
    frames = frames.map((f) => (f.schema === key ? { ...f, box: grown.frame } : f));
    legends.push({ id: enumLegendId(key), frame: key, box: grown.legend, ...text, colors: frame.colors });
  }
  return { title: parts.title, frames, tables, connectors, enumLegends: legends.sort((a, b) => compareStrings(a.id, b.id)) };
}

/** The legend's lines (header first) and the enum types they list. */
export function legendText(enums: readonly DiagramEnum[]): { lines: string[]; enums: string[] } {
  const listed = enums.length > LEGEND_MAX_ENUMS ? enums.slice(0, LEGEND_MAX_ENUMS - 1) : enums;
  // Each type spelled as its columns print it, so a reader finds the row's type in the legend.
  const lines = [ENUM_LEGEND_HEADER, ...listed.map((e) => enumLine(e.type, e.labels))];
  if (listed.length < enums.length) lines.push(`… ${enums.length - listed.length} more enum types`);
  return { lines, enums: listed.map((e) => `${e.schema}.${e.name}`) };
}

/** `name: a · b · c`, cut to the line's cells with the values left out counted: `name: a · b · … 5 more`. */
export function enumLine(name: string, labels: readonly string[]): string {
  const prefix = `${truncateCells(name, NAME_CELLS)}: `;
  if (labels.length === 0) return `${prefix}(no values)`;
  const more = (n: number): string => (n === 0 ? '' : `${VALUE_SEPARATOR}… ${n} more`);
  let line = prefix;
  for (let shown = 0; shown < labels.length; shown++) {
    const next = `${line}${shown === 0 ? '' : VALUE_SEPARATOR}${labels[shown]}`;
    if (textCells(next + more(labels.length - shown - 1)) > LEGEND_LINE_CELLS) {
      if (shown > 0) return line + more(labels.length - shown);
      // Not even the first value fits whole: it is cut.
      const room = LEGEND_LINE_CELLS - textCells(prefix + more(labels.length - 1));
      return prefix + truncateCells(labels[0]!, Math.max(2, room)) + more(labels.length - 1);
    }
    line = next;
  }
  return line;
}

/** The card's size: the header band and one row per further line, as wide as the longest line. */
export function legendSize(lines: readonly string[]): { width: number; height: number } {
  const cells = Math.max(...lines.map((line) => textCells(line)));
  return {
    width: Math.ceil(2 * SCENE_TEXT.paddingX + cells * SCENE_TEXT.charWidth),
    height: SCENE_TEXT.headerHeight + (lines.length - 1) * SCENE_TEXT.rowHeight + PADDING_BOTTOM,
  };
}

/** Right of the title, its bottom level with the title's: in the band above the diagram, where nothing else is. */
function besideTitle(title: Box, size: { width: number; height: number }): Box {
  return { x: title.x + title.width + TITLE_SPACING, y: title.y + title.height - size.height, ...size };
}

/** Tables and loop circles in the frame, grown by the gap a legend keeps from them. */
function obstaclesIn(frame: Box, tables: readonly SceneTable[], connectors: readonly SceneConnector[]): Box[] {
  const boxes = [...tables.map((t) => t.box), ...connectors.flatMap((c) => (c.loop && overlaps(c.loop.box, frame) ? [c.loop.box] : []))];
  return boxes.map((b) => ({ x: b.x - GAP, y: b.y - GAP, width: b.width + 2 * GAP, height: b.height + 2 * GAP }));
}

type Segment = readonly [Point, Point];

function routeSegmentsIn(frame: Box, connectors: readonly SceneConnector[]): Segment[] {
  const segments: Segment[] = [];
  for (const c of connectors) {
    for (let i = 1; i < c.route.length; i++) {
      const segment = [c.route[i - 1]!, c.route[i]!] as const;
      if (overlaps(segmentBox(segment), frame)) segments.push(segment);
    }
  }
  return segments;
}

/**
 * The free place for a box of `size` inside `frame` nearest its bottom-right corner, clear of every
 * obstacle; one no route crosses first. Candidates are the frame's inner edges and the obstacles' edges.
 */
function freeSpot(frame: Box, size: { width: number; height: number }, obstacles: readonly Box[], routes: readonly Segment[]): Box | null {
  const inner = { x: frame.x + INSET, y: frame.y + INSET, right: frame.x + frame.width - INSET, bottom: frame.y + frame.height - INSET };
  if (inner.right - inner.x < size.width || inner.bottom - inner.y < size.height) return null;
  const xs = new Set([inner.x, inner.right - size.width, ...obstacles.flatMap((o) => [o.x + o.width, o.x - size.width])]);
  const ys = new Set([inner.y, inner.bottom - size.height, ...obstacles.flatMap((o) => [o.y + o.height, o.y - size.height])]);
  let best: { box: Box; crossed: boolean; distance: number } | null = null;
  for (const x of [...xs].sort((a, b) => a - b)) {
    if (x < inner.x || x + size.width > inner.right) continue;
    for (const y of [...ys].sort((a, b) => a - b)) {
      if (y < inner.y || y + size.height > inner.bottom) continue;
      const box = { x, y, ...size };
      if (obstacles.some((o) => overlaps(o, box))) continue;
      const crossed = routes.some((s) => overlaps(segmentBox(s), box));
      const distance = Math.hypot(inner.right - (x + size.width), inner.bottom - (y + size.height));
      if (best === null || (best.crossed && !crossed) || (best.crossed === crossed && distance < best.distance - 1e-9)) best = { box, crossed, distance };
    }
  }
  return best === null ? null : best.box;
}

/** The frame grown to hold the legend below its tables (at the right), and by how much its bottom moved. */
function growFrame(frame: Box, size: { width: number; height: number }, tables: readonly SceneTable[]): { frame: Box; legend: Box; shift: number } {
  const bottom = Math.max(frame.y + INSET, ...tables.map((t) => t.box.y + t.box.height + GAP));
  const width = Math.max(frame.width, size.width + 2 * INSET);
  const legend = { x: frame.x + width - INSET - size.width, y: bottom, ...size };
  const height = legend.y + legend.height + INSET - frame.y;
  return { frame: { ...frame, width, height }, legend, shift: Math.max(0, height - frame.height) };
}

/**
 * Moves down by `shift` every frame whose top is at or below `line` (with its tables, circles and the
 * routes between them); a route from a moved to an unmoved frame keeps its points above the line and moves
 * the others, so it stays orthogonal.
 */
function shiftBelow(
  parts: Omit<SceneParts, 'title'>,
  line: number,
  shift: number,
  grownFrame: string,
): Omit<SceneParts, 'title'> & { moved: ReadonlySet<string> } {
  if (shift === 0) return { ...parts, moved: new Set() };
  const moved = new Set(parts.frames.filter((f) => f.schema !== grownFrame && f.box.y >= line).map((f) => f.schema));
  const down = (box: Box): Box => ({ ...box, y: box.y + shift });
  const movedTable = new Set(parts.tables.filter((t) => moved.has(t.frame ?? t.schema)).map((t) => t.id));
  return {
    moved,
    frames: parts.frames.map((f) => (moved.has(f.schema) ? { ...f, box: down(f.box) } : f)),
    tables: parts.tables.map((t) => (movedTable.has(t.id) ? { ...t, box: down(t.box) } : t)),
    connectors: parts.connectors.map((c) => {
      const from = movedTable.has(c.from);
      const to = movedTable.has(c.to);
      if (!from && !to) return c;
      const route = c.route.map((p) => (from && to) || p.y >= line ? { x: p.x, y: p.y + shift } : p);
      return { ...c, route, ...(c.loop && from ? { loop: { ...c.loop, box: down(c.loop.box) } } : {}) };
    }),
  };
}

function segmentBox([a, b]: Segment): Box {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** True when the boxes share area or, for a zero-width segment box, touch inside. */
function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height &&
    !(a.x === b.x + b.width || b.x === a.x + a.width || a.y === b.y + b.height || b.y === a.y + a.height);
}
