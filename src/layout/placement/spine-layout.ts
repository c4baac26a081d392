/**
 * The layout of a group with hub tables: the hubs in a vertical spine, everything else on both sides of it.
 * See hubs.ts for what makes a hub and why it is left out of the layered pass.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import { connectedComponents } from './components.js';
import { layoutPieces, packPlacements } from './pieces.js';
import { COMPONENT_GAP, GRID_GAP, SATELLITE_COLUMN_GAP, SPINE_GAP, SPINE_HUB_GAP } from '../spacing.js';
import type { Placement, TableSize } from '../types.js';
import { emptyPlacement, translatePlacement } from '../types.js';


/**
 * Hubs stacked in a vertical spine in the middle; the other components on both sides, balanced by area and
 * each laid out flowing towards or away from the spine, whichever crosses less (component-layout.ts);
 * tables related only to hubs in columns right beside the spine. Hub relations are routed afterwards.
 */
export async function layoutAroundSpine(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  hubs: readonly string[],
  targetAspect: number,
): Promise<Placement> {
  const hubSet = new Set(hubs);
  const rest = tables.filter((t) => !hubSet.has(t.id));
  const restRelations = relations.filter((r) => !hubSet.has(r.from) && !hubSet.has(r.to));
  const sizes = new Map(tables.map((t) => [t.id, t]));
  const components = connectedComponents(rest.map((t) => t.id), restRelations);
  const touched = new Set(restRelations.flatMap((r) => [r.from, r.to]));
  const hubRank = new Map(hubs.map((id, i) => [id, i]));
  const hubLinks = new Map<string, number[]>();
  for (const r of relations) {
    const hub = hubRank.get(r.to) ?? hubRank.get(r.from);
    const other = hubRank.has(r.to) ? r.from : r.to;
    if (hub === undefined || hubSet.has(other)) continue;
    const list = hubLinks.get(other);
    if (list) list.push(hub);
    else hubLinks.set(other, [hub]);
  }

  const sides: [string[][], string[][]] = [[], []];
  const load = [0, 0];
  const satellites: string[] = [];
  const unrelated: string[] = [];
  for (const members of components) {
    const first = members[0];
    if (members.length === 1 && first !== undefined && !touched.has(first)) {
      (hubLinks.has(first) ? satellites : unrelated).push(first);
      continue;
    }
    // Largest components first (the order of `components`), each to the lighter side, balances the halves.
    const side = (load[0] ?? 0) <= (load[1] ?? 0) ? 0 : 1;
    sides[side].push(members);
    load[side] = (load[side] ?? 0) + members.reduce((sum, id) => sum + area(sizes.get(id)), 0);
  }
  const spine = stackSpine(hubs, sizes);
  const totalArea = tables.reduce((sum, t) => sum + (t.width + COMPONENT_GAP) * (t.height + COMPONENT_GAP), 0);
  const columnHeight = Math.max(spine.height, Math.sqrt(totalArea / targetAspect));

  // Tables related only to hubs sit in columns beside the spine, in hub order from top to bottom, so the
  // hubs' fans of relations do not cross each other; alternate tables go left and right.
  const barycentre = (id: string): number => {
    const links = hubLinks.get(id) ?? [];
    return links.reduce((sum, h) => sum + h, 0) / Math.max(1, links.length);
  };
  satellites.sort((a, b) => barycentre(a) - barycentre(b) || (a < b ? -1 : 1));
  const satelliteSides: [TableSize[], TableSize[]] = [[], []];
  satellites.forEach((id, i) => {
    const size = sizes.get(id);
    if (size) satelliteSides[i % 2 === 0 ? 0 : 1].push(size);
  });

  const blocks: Placement[] = [];
  // `flow` names the spine's direction as seen from the block: the block left of the spine faces right.
  for (const [side, flow] of [[0, 'right'], [1, 'left']] as const) {
    const members = sides[side].flat();
    const pieceTables = members.map((id) => sizes.get(id)).filter((s): s is TableSize => s !== undefined);
    const inSide = new Set(members);
    const grid = side === 0 ? unrelated.map((id) => sizes.get(id)).filter((s): s is TableSize => s !== undefined) : [];
    const pieces = await layoutPieces(pieceTables, restRelations.filter((r) => inSide.has(r.from)), grid, flow, hubRelationsOf(relations, hubSet, inSide));
    const packed = packPlacements(pieces, COMPONENT_GAP, targetAspect / 2);
    const columns = satelliteColumns(satelliteSides[side], columnHeight, side === 0);
    blocks.push(side === 0 ? besideEachOther([packed, columns], SPINE_GAP) : besideEachOther([columns, packed], SPINE_GAP));
  }
  return besideEachOther([blocks[0] ?? emptyPlacement(), spine, blocks[1] ?? emptyPlacement()], SPINE_GAP);
}

/** Hubs stacked top to bottom in the given order, centred on one vertical axis. */
function stackSpine(hubs: readonly string[], sizes: ReadonlyMap<string, TableSize>): Placement {
  const spine = emptyPlacement();
  let y = 0;
  let width = 0;
  for (const id of hubs) {
    const size = sizes.get(id);
    if (!size) continue;
    spine.boxes.set(id, { x: 0, y, width: size.width, height: size.height });
    y += size.height + SPINE_HUB_GAP;
    width = Math.max(width, size.width);
  }
  for (const [id, box] of spine.boxes) spine.boxes.set(id, { ...box, x: Math.round((width - box.width) / 2) });
  return { ...spine, width, height: Math.max(0, y - SPINE_HUB_GAP) };
}

/**
 * Tables filled top to bottom into columns of about `height`; the first column is the one nearest the
 * spine (the rightmost when the block stands left of the spine).
 */
function satelliteColumns(tables: readonly TableSize[], height: number, leftOfSpine: boolean): Placement {
  const columns: TableSize[][] = [];
  let current: TableSize[] = [];
  let y = 0;
  for (const t of tables) {
    if (current.length > 0 && y + t.height > height) {
      columns.push(current);
      current = [];
      y = 0;
    }
    current.push(t);
    y += t.height + GRID_GAP;
  }
  if (current.length > 0) columns.push(current);
  if (leftOfSpine) columns.reverse();
  const placement = emptyPlacement();
  let x = 0;
  let maxHeight = 0;
  for (const column of columns) {
    const width = Math.max(...column.map((t) => t.width));
    let cy = 0;
    for (const t of column) {
      placement.boxes.set(t.id, { x: leftOfSpine ? x + width - t.width : x, y: cy, width: t.width, height: t.height });
      cy += t.height + GRID_GAP;
    }
    maxHeight = Math.max(maxHeight, cy - GRID_GAP);
    x += width + SATELLITE_COLUMN_GAP;
  }
  return { ...placement, width: Math.max(0, x - SATELLITE_COLUMN_GAP), height: maxHeight };
}

/** Places blocks left to right with a gap, centred vertically; empty blocks take no room. */
function besideEachOther(blocks: readonly Placement[], gap: number): Placement {
  const present = blocks.filter((b) => b.boxes.size > 0);
  const height = Math.max(0, ...present.map((b) => b.height));
  const result = emptyPlacement();
  let x = 0;
  for (const block of present) {
    translatePlacement(block, x, Math.round((height - block.height) / 2), result);
    x += block.width + gap;
  }
  return { ...result, width: Math.max(0, x - gap), height };
}

/** Hub relations with their non-hub end among `members`. */
function hubRelationsOf(relations: readonly DiagramRelation[], hubs: ReadonlySet<string>, members: ReadonlySet<string>): DiagramRelation[] {
  return relations.filter((r) => (hubs.has(r.to) && members.has(r.from)) || (hubs.has(r.from) && members.has(r.to)));
}

function area(size: TableSize | undefined): number {
  return size ? size.width * size.height : 0;
}

