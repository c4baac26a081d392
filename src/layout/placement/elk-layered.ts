/**
 * One connected group of tables laid out by ELK `layered`: orthogonal routes, and a fixed port at each
 * relation's row on the box's left or right side, so routes leave and enter at the right rows.
 */
import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';
import type { DiagramRelation } from '../../model/diagram.js';
import type { Box, Point, Side } from '../../model/layout.js';
import { boundingBox } from '../../model/layout.js';
import { anchorY } from '../routing/anchors.js';
import { ELK_BETWEEN_LAYERS as BETWEEN_LAYERS, ELK_EDGE_EDGE as EDGE_EDGE, ELK_EDGE_NODE as EDGE_NODE, ELK_NODE_NODE as NODE_NODE } from '../spacing.js';
import type { Placement, PlacedRoute, TableSize } from '../types.js';

let elk: Promise<ELK> | undefined;

/** elkjs (a 1.5 MB bundle) is loaded by the first layout, not by every start of the program. */
function loadElk(): Promise<ELK> {
  // elkjs is CommonJS whose typings declare an ES default export; under NodeNext the constructor is `.default`.
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default.default());
  return elk;
}


/** ELK's flow directions we use: `left` mirrors `right` for the tables on the right of a hub spine. */
export type FlowDirection = 'right' | 'left' | 'down';

function elkOptions(direction: FlowDirection): Record<string, string> {
  return {
    'org.eclipse.elk.algorithm': 'layered',
    'org.eclipse.elk.direction': direction === 'down' ? 'DOWN' : direction === 'left' ? 'LEFT' : 'RIGHT',
    'org.eclipse.elk.edgeRouting': 'ORTHOGONAL',
    'org.eclipse.elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'org.eclipse.elk.randomSeed': '1',
    'org.eclipse.elk.separateConnectedComponents': 'false',
    'org.eclipse.elk.spacing.nodeNode': String(NODE_NODE),
    'org.eclipse.elk.layered.spacing.nodeNodeBetweenLayers': String(BETWEEN_LAYERS),
    'org.eclipse.elk.spacing.edgeEdge': String(EDGE_EDGE),
    'org.eclipse.elk.spacing.edgeNode': String(EDGE_NODE),
    'org.eclipse.elk.layered.spacing.edgeEdgeBetweenLayers': String(EDGE_EDGE),
    'org.eclipse.elk.layered.spacing.edgeNodeBetweenLayers': String(EDGE_NODE),
    'org.eclipse.elk.layered.crossingMinimization.greedySwitch.type': 'TWO_SIDED',
    // Brandes-Koepf is several times faster than network simplex on components of a few hundred tables.
    'org.eclipse.elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'org.eclipse.elk.layered.considerModelOrder.strategy': 'NONE',
    'org.eclipse.elk.layered.unnecessaryBendpoints': 'false',
  };
}

/** The side each end of a relation attaches to inside an ELK layout: flow leaves on the right, enters on the left. */
export function elkPortSides(
  relation: Pick<DiagramRelation, 'from' | 'to'>,
  direction: FlowDirection,
  reversed = false,
): { fromSide: Side; toSide: Side } {
  const out: Side = direction === 'left' ? 'left' : 'right';
  const into: Side = direction === 'left' ? 'right' : 'left';
  // A self-reference leaves and enters on the same side, so its loop hugs one edge of the box.
  if (relation.from === relation.to) return { fromSide: out, toSide: out };
  // A reversed relation flows against the direction: the referenced table stands before the referencing one.
  return reversed ? { fromSide: into, toSide: out } : { fromSide: out, toSide: into };
}

export async function layoutLayered(
  tables: readonly TableSize[],
  relations: readonly DiagramRelation[],
  direction: FlowDirection,
  overrides: Readonly<Record<string, string>> = {},
  reversed: ReadonlySet<string> = new Set(),
): Promise<Placement> {
  const sizes = new Map(tables.map((t) => [t.id, t]));
  const ports = new Map<string, ElkPort[]>();
  const portIds = new Set<string>();
  const portFor = (table: string, side: Side, row: number | null): string => {
    const id = `${table}\u0000${side}\u0000${row ?? 'header'}`;
    if (!portIds.has(id)) {
      const size = sizes.get(table);
      if (!size) throw new Error(`layout: relation end ${table} is not in its component`);
      portIds.add(id);
      const port: ElkPort = {
        id,
        x: side === 'right' ? size.width : 0,
        y: anchorY(row),
        width: 0,
        height: 0,
        layoutOptions: { 'org.eclipse.elk.port.side': side === 'right' ? 'EAST' : 'WEST' },
      };
      const list = ports.get(table);
      if (list) list.push(port);
      else ports.set(table, [port]);
    }
    return id;
  };

  const edges: ElkExtendedEdge[] = [];
  const sidesById = new Map<string, { fromSide: Side; toSide: Side }>();
  const reversedEdges = new Set<string>();
  for (const relation of relations) {
    const isReversed = reversed.has(relation.id) && relation.from !== relation.to;
    const sides = elkPortSides(relation, direction, isReversed);
    sidesById.set(relation.id, sides);
    const fromPort = portFor(relation.from, sides.fromSide, relation.fromRow);
    const toPort = portFor(relation.to, sides.toSide, relation.toRow);
    if (isReversed) reversedEdges.add(relation.id);
    edges.push({ id: relation.id, sources: [isReversed ? toPort : fromPort], targets: [isReversed ? fromPort : toPort] });
  }
  const children: ElkNode[] = tables.map((t): ElkNode => ({
    id: t.id,
    width: t.width,
    height: t.height,
    ports: ports.get(t.id) ?? [],
    layoutOptions: { 'org.eclipse.elk.portConstraints': 'FIXED_POS' },
  }));
  const root = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: { ...elkOptions(direction), ...overrides },
    children,
    edges,
  });

  const boxes = new Map<string, Box>();
  for (const child of root.children ?? []) {
    boxes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
  }
  const routes = new Map<string, PlacedRoute>();
  for (const edge of root.edges ?? []) {
    const sides = sidesById.get(edge.id);
    if (!sides) continue;
    const points: Point[] = [];
    for (const section of edge.sections ?? []) {
      points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
    }
    if (reversedEdges.has(edge.id)) points.reverse();
    routes.set(edge.id, { ...sides, points: points.map((p) => ({ x: p.x, y: p.y })) });
  }
  return normalise({ width: 0, height: 0, boxes, routes });
}

/** Moves the placement so its content starts at the origin, and sizes it to its content (routes included). */
export function normalise(placement: Placement): Placement {
  const extent = boundingBox(placement.boxes.values(), [...placement.routes.values()].flatMap((r) => r.points));
  if (extent === null) return { ...placement, width: 0, height: 0 };
  const maxX = extent.x + extent.width;
  const maxY = extent.y + extent.height;
  const minX = Math.floor(extent.x);
  const minY = Math.floor(extent.y);
  // Boxes land on whole units so that anchors (box top + row middle, both whole) are exact numbers.
  const boxes = new Map<string, Box>();
  for (const [id, b] of placement.boxes) boxes.set(id, { ...b, x: Math.round(b.x - minX), y: Math.round(b.y - minY) });
  const routes = new Map<string, PlacedRoute>();
  for (const [id, r] of placement.routes) routes.set(id, { ...r, points: r.points.map((p) => ({ x: p.x - minX, y: p.y - minY })) });
  return { width: Math.ceil(maxX - minX), height: Math.ceil(maxY - minY), boxes, routes };
}
