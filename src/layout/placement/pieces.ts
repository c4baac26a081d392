/**
 * Pieces of a group: each connected component laid out by ELK (component-layout.ts), tables without
 * relations in an alphabetical grid, and the shelf packing that puts pieces together.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import { layoutComponent } from './component-layout.js';
import { connectedComponents } from './components.js';
import type { FlowDirection } from './elk-layered.js';
import { gridPositions, packRectangles } from '../frames/pack.js';
import { GRID_GAP } from '../spacing.js';
import type { Placement, TableSize } from '../types.js';
import { emptyPlacement, translatePlacement } from '../types.js';


/** ELK layered per connected component, plus one grid of the given unrelated tables. */
export async function layoutPieces(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  gridTables: readonly TableSize[],
  flow: FlowDirection,
  hubRelations: readonly DiagramRelation[] = [],
): Promise<Placement[]> {
  const sizes = new Map(tables.map((t) => [t.id, t]));
  const touched = new Set(relations.flatMap((r) => [r.from, r.to]));
  const components = connectedComponents(tables.map((t) => t.id), relations);
  const componentOf = new Map<string, number>();
  components.forEach((members, index) => members.forEach((id) => componentOf.set(id, index)));
  const byComponent = new Map<number, DiagramRelation[]>();
  for (const r of relations) {
    const index = componentOf.get(r.from);
    if (index === undefined) continue;
    const list = byComponent.get(index);
    if (list) list.push(r);
    else byComponent.set(index, [r]);
  }
  const pieces: Placement[] = [];
  const isolated: TableSize[] = [...gridTables];
  for (const [index, members] of components.entries()) {
    const first = members[0];
    if (members.length === 1 && first !== undefined && !touched.has(first)) {
      const size = sizes.get(first);
      if (size) isolated.push(size);
      continue;
    }
    const memberSizes = members.map((id) => sizes.get(id)).filter((s): s is TableSize => s !== undefined);
    const memberSet = new Set(members);
    const toHubs = hubRelations.filter((r) => memberSet.has(r.from) || memberSet.has(r.to));
    pieces.push(await layoutComponent(memberSizes, byComponent.get(index) ?? [], flow, toHubs));
  }
  if (isolated.length > 0) pieces.push(gridPlacement(isolated));
  return pieces;
}

/** Tables without relations, alphabetically in rows. */
export function gridPlacement(tables: readonly TableSize[]): Placement {
  const sorted = [...tables].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const grid = gridPositions(sorted, GRID_GAP);
  const placement = emptyPlacement();
  sorted.forEach((t, i) => {
    const p = grid.positions[i] ?? { x: 0, y: 0 };
    placement.boxes.set(t.id, { x: p.x, y: p.y, width: t.width, height: t.height });
  });
  return { ...placement, width: grid.width, height: grid.height };
}

/** Packs placed pieces into one placement with the shelf packer. */
export function packPlacements(pieces: readonly Placement[], gap: number, targetAspect: number): Placement {
  const packed = packRectangles(pieces, gap, targetAspect);
  const result = emptyPlacement();
  pieces.forEach((piece, i) => {
    const p = packed.positions[i] ?? { x: 0, y: 0 };
    translatePlacement(piece, p.x, p.y, result);
  });
  return { ...result, width: packed.width, height: packed.height };
}
