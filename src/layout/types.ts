/**
 * Types inside the layout stage: a placed group of tables in its own coordinates, before it is packed.
 */
import type { Box, Point, Side } from '../model/layout.js';

export interface LayoutOptions {
  /** Main direction of relations (`--direction`): referencing tables left of (or above) the tables they reference. */
  direction?: 'right' | 'down';
  /**
   * false (`--no-hub-references`): no reference boxes; relations to hub tables, and between subject areas,
   * are drawn to the tables themselves.
   */
  references?: boolean;
}

/** Box size of one table, from measure.ts. */
export interface TableSize {
  id: string;
  width: number;
  height: number;
}

/** A route whose ends are fixed by the layouter that made it. */
export interface PlacedRoute {
  fromSide: Side;
  toSide: Side;
  points: Point[];
}

/** Tables (and the routes between them) placed in local coordinates with the origin at the top-left. */
export interface Placement {
  width: number;
  height: number;
  boxes: Map<string, Box>;
  routes: Map<string, PlacedRoute>;
}

export function translatePlacement(placement: Placement, dx: number, dy: number, into: Placement): void {
  for (const [id, box] of placement.boxes) into.boxes.set(id, { ...box, x: box.x + dx, y: box.y + dy });
  for (const [id, route] of placement.routes) {
    into.routes.set(id, { ...route, points: route.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) });
  }
}

export function emptyPlacement(): Placement {
  return { width: 0, height: 0, boxes: new Map(), routes: new Map() };
}
