/**
 * Enum legends on the board (`SceneEnumLegend`): one shape per frame listing the enum types its tables
 * show. Drawn like a small table (monospace, the header bold) with the signature closing its last line;
 * recognised by that signature, else by its header `Enum types` within its frame; updated in place when
 * the values change, kept where a user put it, deleted when its frame shows no enum type any more.
 * Pure: request bodies, recognition and the plan (plan.ts calls `planEnumLegends`).
 */
import {
  ENUM_LEGEND_HEADER,
  enumLegendId,
  SCENE_TEXT,
  type BoardScene,
  type SceneEnumLegend,
} from '../model/scene.js';
import type { Box } from '../model/layout.js';
import type { MiroItemCreate, MiroShapeCreateRequest, MiroShapeUpdateRequest } from '../miro/openapi/index.js';
import { tint } from '../util/color.js';
import { compareStrings } from '../util/compare.js';
import { canonicalMiroText, escapeMiroHtml, preserveSpaces } from './item-text.js';
import { MIRO_TABLE_FONT, miroPosition, type MiroPlacement } from './items.js';
import { signatureText } from './signature.js';
import type { BoardItemBase } from './board-state.js';
import { findFreeBox, contains, type OccupiedSpace } from './placement.js';
import type { PlannedParent, SyncPlan } from './plan.js';
import { headerOnBoard, type VisibleNames } from './visible-identity.js';

const TEXT_COLOR = '#0f172a';
const FILL_TINT = 0.96;
/** The scene keeps legends 24 units from tables; a new one may go that close to what is on the board. */
const LEGEND_GAP = 20;

export interface OurEnumLegendItem extends BoardItemBase {
  legendId: string;
  /** Raw content as Miro returned it. */
  content: string;
}

export interface EnumLegendCreate {
  legend: SceneEnumLegend;
  /** Board coordinates. */
  box: Box;
  parent: PlannedParent | null;
}

export interface EnumLegendUpdate {
  itemId: string;
  legendId: string;
  /** `changed`: its enum types or values; `relayout`: only its place; `resign`: its signature written again. */
  reason: 'changed' | 'relayout' | 'resign';
  request: MiroShapeUpdateRequest;
  newParentFrame?: string;
}

/** The legend's text: the header in bold, one line per enum type, the signature closing the last line. */
export function enumLegendContent(legend: SceneEnumLegend): string {
  const [header = '', ...rest] = legend.lines;
  const lines = [`<p><strong>${escapeMiroHtml(header)}</strong></p>`, ...rest.map((line) => `<p>${preserveSpaces(escapeMiroHtml(line))}</p>`)];
  const content = lines.join('');
  return `${content.slice(0, -'</p>'.length)}${signatureText({ kind: 'enums', legendId: legend.id })}</p>`;
}

export function enumLegendItem(legend: SceneEnumLegend, placement: MiroPlacement): MiroItemCreate {
  const request: MiroShapeCreateRequest = {
    data: { shape: 'rectangle', content: enumLegendContent(legend) },
    style: {
      fillColor: tint(legend.colors.header, FILL_TINT),
      fillOpacity: '1',
      borderColor: legend.colors.header,
      borderWidth: '1',
      borderStyle: 'dotted',
      color: TEXT_COLOR,
      fontFamily: MIRO_TABLE_FONT,
      fontSize: String(SCENE_TEXT.fontSize),
      textAlign: 'left',
      textAlignVertical: 'top',
    },
    position: miroPosition(placement),
    geometry: { width: placement.box.width, height: placement.box.height },
    ...(placement.parent ? { parent: { id: placement.parent.id } } : {}),
  };
  // As for tables (items.ts): a shape's fields are one member of ItemCreate's unions.
  return { type: 'shape', ...request } as MiroItemCreate;
}

/** One enum type's line as drawn: `name: a · b · … 3 more`. */
const LEGEND_LINE = /^[^\s:]+: \S/;
const MORE_TYPES_LINE = /^… \d+ more enum types$/;

/**
 * The legend an unsigned shape shows: its header reads `Enum types` and every further line reads as one of
 * our enum lines; it is the legend of the frame it sits in (or of the diagram drawn without frames). In a
 * named diagram's frame, which may hold one legend per schema, the one whose text it shows, else whose
 * types it names most. Null for anything else.
 */
export function shownEnumLegendId(content: string, frameKey: string | undefined, names: VisibleNames): string | null {
  if (frameKey === undefined || headerOnBoard(content) !== ENUM_LEGEND_HEADER) return null;
  const [, ...lines] = canonicalMiroText(content).split('\n');
  if (lines.length === 0 || !lines.every((line) => LEGEND_LINE.test(line) || MORE_TYPES_LINE.test(line))) return null;
  const candidates = names.enumLegends.get(frameKey) ?? [];
  if (candidates.length <= 1) return candidates[0]?.id ?? enumLegendId(frameKey);
  const text = canonicalMiroText(content);
  const exact = candidates.find((c) => c.text === text);
  if (exact !== undefined) return exact.id;
  const types = new Set(lines.map((line) => line.slice(0, line.indexOf(':'))));
  const overlap = (c: { text: string }): number => c.text.split('\n').filter((line) => types.has(line.slice(0, line.indexOf(':')))).length;
  return [...candidates].sort((a, b) => overlap(b) - overlap(a) || compareStrings(a.id, b.id))[0]!.id;
}

export interface LegendPlanContext {
  /** The board frame holding frame key `key`'s items once the plan has run, and the scene's box of it. */
  frameOf: (key: string) => { box: Box; parent: PlannedParent; sceneBox: Box } | undefined;
  /** Everything that stays or is created (legends on the board included): new legends go where none of it is. */
  space: OccupiedSpace;
  /** The board boxes of the frames other than `key`'s, which a new legend stays out of. */
  otherFrames: (key: string) => Box[];
  relayout: boolean;
  /** False (`--no-prune`): a legend the scene no longer has stays, since the tables kept may show its types. */
  prune: boolean;
  /** True for an adopted legend whose signature this run writes again (plan.ts `resigns`). */
  resigns: (key: string) => boolean;
}

/** Legends to create, update (text or place) and delete; the deleted ones are added to `deletedItems`. */
export function planEnumLegends(scene: BoardScene, legends: ReadonlyMap<string, OurEnumLegendItem>, plan: SyncPlan, context: LegendPlanContext, deletedItems: Set<string>): void {
  const wanted = new Set(scene.enumLegends.map((l) => l.id));
  for (const [legendId, item] of [...legends].sort(([a], [b]) => compareStrings(a, b))) {
    if (wanted.has(legendId) || !context.prune) continue;
    // No enum type left in its frame (or its frame is gone): it lists nothing the board shows.
    plan.itemDeletes.push({ itemId: item.itemId, kind: 'legend', label: legendId });
    deletedItems.add(item.itemId);
  }
  for (const legend of scene.enumLegends) {
    const frame = legend.frame === '' ? undefined : context.frameOf(legend.frame);
    // Where the scene puts it, moved along with its frame when the board's frame sits elsewhere.
    const target: Box = frame === undefined ? legend.box : { ...legend.box, x: legend.box.x - frame.sceneBox.x + frame.box.x, y: legend.box.y - frame.sceneBox.y + frame.box.y };
    const existing = legends.get(legend.id);
    if (existing === undefined) {
      const box = findFreeBox(target, context.space, context.otherFrames(legend.frame), LEGEND_GAP);
      context.space.add(box);
      const parent = frame !== undefined && contains(frame.box, box) ? frame.parent : null;
      plan.enumLegendCreates.push({ legend, box, parent });
      continue;
    }
    const content = enumLegendContent(legend);
    const changed = existing.content !== content && canonicalMiroText(existing.content) !== canonicalMiroText(content);
    const moved = context.relayout && (Math.abs(existing.box.x - target.x) >= 0.5 || Math.abs(existing.box.y - target.y) >= 0.5);
    const resign = context.resigns(legend.id);
    if (!changed && !moved && !resign) continue;
    // A changed legend keeps its top-left corner (a user may have moved it) and takes the size its lines need.
    const box = moved ? target : { ...existing.box, width: legend.box.width, height: legend.box.height };
    const request: MiroShapeUpdateRequest = {};
    if (changed || resign) request.data = { shape: 'rectangle', content };
    if (changed || moved) {
      const parent = moved && frame !== undefined ? frame.parent : existing.parentId === null ? null : { itemId: existing.parentId, topLeft: existing.parentTopLeft! };
      const origin = parent?.topLeft ?? { x: 0, y: 0 };
      request.position = miroPosition({ box: { ...box, x: box.x - origin.x, y: box.y - origin.y } });
      request.geometry = { width: box.width, height: box.height };
      if (parent !== null && 'itemId' in parent && parent.itemId !== existing.parentId) request.parent = { id: parent.itemId };
      const newParentFrame = parent !== null && 'newFrameSchema' in parent ? parent.newFrameSchema : undefined;
      plan.enumLegendUpdates.push({ itemId: existing.itemId, legendId: legend.id, reason: changed ? 'changed' : 'relayout', request, ...(newParentFrame !== undefined ? { newParentFrame } : {}) });
      continue;
    }
    plan.enumLegendUpdates.push({ itemId: existing.itemId, legendId: legend.id, reason: 'resign', request });
  }
}

/**
 * The enum types whose listing on the board changes: their line differs, or only the board or only the
 * scene lists them. By the type as drawn (`mpaa_rating`); sorted.
 */
export function enumTypesChanged(scene: BoardScene, legends: ReadonlyMap<string, OurEnumLegendItem>): string[] {
  const onBoard = typeLines([...legends.values()].map((item) => canonicalMiroText(item.content).split('\n').slice(1)));
  const inScene = typeLines(scene.enumLegends.map((legend) => legend.lines.slice(1)));
  const changed = new Set<string>();
  for (const [type, line] of inScene) if (onBoard.get(type) !== line) changed.add(type);
  for (const type of onBoard.keys()) if (!inScene.has(type)) changed.add(type);
  return [...changed].sort(compareStrings);
}

function typeLines(legends: readonly string[][]): Map<string, string> {
  const lines = new Map<string, string>();
  for (const legend of legends) {
    for (const line of legend) {
      if (!LEGEND_LINE.test(line)) continue;
      lines.set(line.slice(0, line.indexOf(':')), line);
    }
  }
  return lines;
}
