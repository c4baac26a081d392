/**
 * One connected component, laid out by ELK layered in a few configurations; the one whose drawing crosses
 * least wins. Straight lines between attach points weigh most (that is what Miro draws), then routes.
 * Small components try more configurations (ELK options, and junction tables placed between the tables they
 * join, see junctions.ts); large ones one or two, to stay fast.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import type { Point, Side } from '../../model/layout.js';
import { anchorPoint } from '../routing/anchors.js';
import type { FlowDirection } from './elk-layered.js';
import { layoutLayered } from './elk-layered.js';
import { junctionReversals, pendantReversals } from './junctions.js';
import { MAX_FRAME_CONTENT } from '../frames/frames.js';
import { countCrossings } from '../metrics/metrics.js';
import type { Placement, TableSize } from '../types.js';

/** ELK option sets tried in turn: crossing minimisation depends on node placement, sweeps and seed. */
const VARIANTS: ReadonlyArray<Readonly<Record<string, string>>> = [
  {},
  { 'org.eclipse.elk.layered.layering.strategy': 'LONGEST_PATH' },
  { 'org.eclipse.elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX' },
  { 'org.eclipse.elk.randomSeed': '7' },
];
/** Components up to this many tables try every variant... */
const ALL_VARIANTS_UP_TO = 30;
/** ...up to this many, two; beyond, one per flow direction. */
const TWO_VARIANTS_UP_TO = 60;
/** Up to this many tables, a component beside a hub spine is laid out both ways round. */
const BOTH_ORIENTATIONS_UP_TO = 150;
/** Up to this many tables, a misshapen component is laid out once more with COMPACT_PLACEMENT. */
const COMPACT_RETRY_UP_TO = 150;
const COMPACT_PLACEMENT: Readonly<Record<string, string>> = { 'org.eclipse.elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX' };
const MIN_COMPONENT_ASPECT = 0.5;
const MAX_COMPONENT_ASPECT = 2.5;
const MISSHAPEN_PENALTY = 1_000_000;
/** How far beyond a component its hubs are assumed to be when judging its orientation. */
const SPINE_PROBE_DISTANCE = 1500;

/**
 * `hubRelations` are the component's relations to hubs on a spine that lies in direction `flow`; with
 * some, the component is also tried flowing away from the spine (large components only flow away, which
 * keeps the tables that reference the hub, the leaves, nearest to it).
 */
export async function layoutComponent(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  flow: FlowDirection,
  hubRelations: readonly DiagramRelation[] = [],
): Promise<Placement> {
  const n = tables.length;
  const flows: FlowDirection[] =
    hubRelations.length === 0 ? [flow] : n <= BOTH_ORIENTATIONS_UP_TO ? [flow, opposite(flow)] : [opposite(flow)];
  const variants = VARIANTS.slice(0, n <= ALL_VARIANTS_UP_TO ? VARIANTS.length : n <= TWO_VARIANTS_UP_TO ? 2 : 1);
  const candidates: Array<{ direction: FlowDirection; variant: Readonly<Record<string, string>>; reversed: ReadonlySet<string> }> = [];
  for (const direction of flows) for (const variant of variants) candidates.push({ direction, variant, reversed: new Set() });
  if (n <= ALL_VARIANTS_UP_TO) {
    // Junction tables between the tables they join, with either end of the junction flowing backwards;
    // with ELK's default options only, which keeps the number of runs down.
    // Pendant chains folded back (see junctions.ts), alone and with each junction end.
    const pendants = pendantReversals(relations);
    const sets = [junctionReversals(relations, 'first'), junctionReversals(relations, 'last')];
    if (pendants.size > 0) sets.push(pendants, ...sets.map((s) => new Set([...s, ...pendants])));
    for (const reversed of sets) {
      if (reversed.size > 0) for (const direction of flows) candidates.push({ direction, variant: VARIANTS[0] ?? {}, reversed });
    }
  }
  let best: { placement: Placement; score: number; overflow: number; direction: FlowDirection; reversed: ReadonlySet<string> } | null = null;
  for (const { direction, variant, reversed } of candidates) {
    const placement = await layoutLayered(tables, relations, direction, variant, reversed);
    if (candidates.length === 1) return placement;
    const score = crossingScore(placement, hubRelations, flow);
    // At equal crossings, the drawing that needs less zoom to fit a screen.
    const overflow = screenOverflow(placement);
    if (best === null || score < best.score || (score === best.score && overflow < best.overflow - 1e-9)) best = { placement, score, overflow, direction, reversed };
    // Nothing beats a drawing without crossings.
    if (score === 0) return placement;
  }
  if (best && best.score >= MISSHAPEN_PENALTY && n <= COMPACT_RETRY_UP_TO) {
    // Brandes-Koepf stacks a wide layer's tables into a tall column; network simplex placement packs the
    // layers against each other, often far shorter (lago-api's main component: 19,000 -> 11,000 units).
    const { direction, reversed } = best;
    const placement = await layoutLayered(tables, relations, direction, COMPACT_PLACEMENT, reversed);
    const score = crossingScore(placement, hubRelations, flow);
    if (score < best.score) best = { placement, score, overflow: screenOverflow(placement), direction, reversed };
  }
  if (!best) throw new Error('layout: no layout candidate');
  return best.placement;
}

/** How many times over a screen-fitting frame's content the placement is (0 when it fits). */
function screenOverflow(placement: Placement): number {
  return Math.max(0, placement.width / MAX_FRAME_CONTENT.width - 1, placement.height / MAX_FRAME_CONTENT.height - 1);
}

function opposite(flow: FlowDirection): FlowDirection {
  return flow === 'right' ? 'left' : flow === 'left' ? 'right' : 'down';
}

/**
 * 3 x straight-line crossings + route crossings, counting lines from the tables that reference a hub to a
 * far point in the spine's direction as straight lines too.
 */
function crossingScore(placement: Placement, hubRelations: readonly DiagramRelation[], spineDirection: FlowDirection): number {
  const straight: Point[][] = [];
  const routes: Point[][] = [];
  for (const route of placement.routes.values()) {
    routes.push(route.points);
    const a = route.points[0];
    const b = route.points[route.points.length - 1];
    if (a && b) straight.push([a, b]);
  }
  const hubPoint = {
    x: spineDirection === 'left' ? -SPINE_PROBE_DISTANCE : placement.width + SPINE_PROBE_DISTANCE,
    y: placement.height / 2,
  };
  const side: Side = spineDirection === 'left' ? 'left' : 'right';
  for (const r of hubRelations) {
    const member = placement.boxes.has(r.from) ? r.from : r.to;
    const box = placement.boxes.get(member);
    if (box) straight.push([anchorPoint(box, side, member === r.from ? r.fromRow : r.toRow), hubPoint]);
  }
  const aspect = placement.width / Math.max(1, placement.height);
  // A component far from screen-shaped cannot be packed into a screen-shaped canvas.
  const misshapen = aspect < MIN_COMPONENT_ASPECT || aspect > MAX_COMPONENT_ASPECT ? MISSHAPEN_PENALTY : 0;
  return 3 * countCrossings(straight) + countCrossings(routes) + misshapen;
}
