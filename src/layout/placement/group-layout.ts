/**
 * Lays out one group of tables (the whole diagram, one schema, or one subject area): packed components
 * and a grid of unrelated tables, or, when some tables are hubs, the spine layout. `spineTables` are put
 * on the spine besides the hubs found here (a subject area's hub and reference boxes).
 */
import type { DiagramRelation } from '../../model/diagram.js';
import { findHubs } from './hubs.js';
import { TARGET_ASPECT } from '../frames/pack.js';
import { layoutPieces, packPlacements } from './pieces.js';
import { COMPONENT_GAP } from '../spacing.js';
import { layoutAroundSpine } from './spine-layout.js';
import type { LayoutOptions, Placement, TableSize } from '../types.js';

export async function layoutGroup(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  options: LayoutOptions,
  targetAspect = TARGET_ASPECT,
  spineTables: readonly string[] = [],
): Promise<Placement> {
  const direction = options.direction ?? 'right';
  // The spine stands vertically between left and right blocks, which suits the left-to-right flow only.
  const found = direction === 'right' ? findHubs(relations) : [];
  const hubs = direction === 'right' ? [...found, ...spineTables.filter((id) => !found.includes(id))] : [];
  if (hubs.length === 0) {
    return packPlacements(await layoutPieces(tables, relations, [], direction), COMPONENT_GAP, targetAspect);
  }
  return layoutAroundSpine(tables, relations, hubs, targetAspect);
}

