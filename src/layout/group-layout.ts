/**
 * Lays out one group of tables (the whole diagram, or one schema when there are several): each connected
 * component by ELK layered, tables without relations in an alphabetical grid, all packed together.
 */
import type { DiagramRelation } from '../model/diagram.js';
import { connectedComponents } from './components.js';
import { layoutLayered } from './elk-layered.js';
import { gridPositions, packRectangles } from './pack.js';
import type { LayoutOptions, Placement, TableSize } from './types.js';
import { emptyPlacement, translatePlacement } from './types.js';

/** Space between packed components, room for routes that pass between them. */
export const COMPONENT_GAP = 80;
/** Space between tables in the grid of unrelated tables. */
export const GRID_GAP = 40;

export async function layoutGroup(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  options: LayoutOptions,
): Promise<Placement> {
  const sizes = new Map(tables.map((t) => [t.id, t]));
  const ids = tables.map((t) => t.id);
  const touched = new Set(relations.flatMap((r) => [r.from, r.to]));
  const pieces: Placement[] = [];
  const isolated: TableSize[] = [];
  const byComponent = new Map<string, DiagramRelation[]>();
  const components = connectedComponents(ids, relations);
  const componentOf = new Map<string, number>();
  components.forEach((members, index) => members.forEach((id) => componentOf.set(id, index)));
  for (const r of relations) {
    const key = String(componentOf.get(r.from));
    const list = byComponent.get(key);
    if (list) list.push(r);
    else byComponent.set(key, [r]);
  }
  for (const [index, members] of components.entries()) {
    const first = members[0];
    if (members.length === 1 && first !== undefined && !touched.has(first)) {
      const size = sizes.get(first);
      if (size) isolated.push(size);
      continue;
    }
    const memberSizes = members.map((id) => sizes.get(id)).filter((s): s is TableSize => s !== undefined);
    pieces.push(await layoutLayered(memberSizes, byComponent.get(String(index)) ?? [], options));
  }
  if (isolated.length > 0) pieces.push(gridPlacement(isolated));
  return packPlacements(pieces, COMPONENT_GAP);
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
export function packPlacements(pieces: readonly Placement[], gap: number): Placement {
  const packed = packRectangles(pieces, gap);
  const result = emptyPlacement();
  pieces.forEach((piece, i) => {
    const p = packed.positions[i] ?? { x: 0, y: 0 };
    translatePlacement(piece, p.x, p.y, result);
  });
  return { ...result, width: packed.width, height: packed.height };
}
