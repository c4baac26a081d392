/**
 * The properties every layout must have, checked with vitest's expect so a failure names the relation or
 * table at fault.
 */
import { expect } from 'vitest';
import { headerCenterY, measureTable, rowCenterY, tableHeaderText } from '../../../src/layout/measure.js';
import { countBoxOverlaps } from '../../../src/layout/metrics/metrics.js';
import type { Diagram } from '../../../src/model/diagram.js';
import type { Layout } from '../../../src/model/layout.js';

export function expectValidLayout(diagram: Diagram, layout: Layout): void {
  // Every table, sized by measure.ts, inside the canvas.
  expect(layout.tables.map((t) => t.id)).toEqual(diagram.tables.map((t) => t.id));
  const boxes = new Map(layout.tables.map((t) => [t.id, t]));
  for (const table of diagram.tables) {
    const box = boxes.get(table.id);
    const size = measureTable(table, tableHeaderText(table, diagram.schemas.length));
    expect(box && { width: box.width, height: box.height }, table.id).toEqual({ width: size.width, height: size.height });
    expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height, table.id).toBe(true);
  }
  expect(countBoxOverlaps(layout.tables)).toBe(0);

  // Every relation, attached exactly at its rows, with an orthogonal route from anchor to anchor.
  expect(layout.relations.map((r) => r.id)).toEqual(diagram.relations.map((r) => r.id));
  const routes = new Map(layout.relations.map((r) => [r.id, r]));
  for (const relation of diagram.relations) {
    const route = routes.get(relation.id);
    const from = boxes.get(relation.from);
    const to = boxes.get(relation.to);
    if (!route || !from || !to) throw new Error(`missing ${relation.id}`);
    expect([route.from, route.to]).toEqual([relation.from, relation.to]);
    expect(route.fromSide === 'left' || route.fromSide === 'right', relation.id).toBe(true);
    expect(route.fromAnchor, relation.id).toEqual({
      x: route.fromSide === 'right' ? from.x + from.width : from.x,
      y: from.y + (relation.fromRow === null ? headerCenterY() : rowCenterY(relation.fromRow)),
    });
    expect(route.toAnchor, relation.id).toEqual({
      x: route.toSide === 'right' ? to.x + to.width : to.x,
      y: to.y + (relation.toRow === null ? headerCenterY() : rowCenterY(relation.toRow)),
    });
    expect(route.points[0], relation.id).toEqual(route.fromAnchor);
    expect(route.points[route.points.length - 1], relation.id).toEqual(route.toAnchor);
    for (let i = 1; i < route.points.length; i++) {
      const a = route.points[i - 1];
      const b = route.points[i];
      if (!a || !b) continue;
      expect(Math.abs(a.x - b.x) < 0.011 || Math.abs(a.y - b.y) < 0.011, `${relation.id} segment ${i} is not orthogonal`).toBe(true);
      for (const p of [a, b]) expect(p.x >= 0 && p.y >= 0 && p.x <= layout.width && p.y <= layout.height, relation.id).toBe(true);
    }
  }

  // Frames: one per schema when there are several, holding their tables, never overlapping.
  if (diagram.schemas.length > 1) {
    expect(layout.frames.map((f) => f.schema)).toEqual(diagram.schemas);
    for (const frame of layout.frames) {
      const inside = diagram.tables.filter((t) => t.schema === frame.schema).map((t) => t.id);
      expect(frame.tables).toEqual(inside);
      for (const id of inside) {
        const box = boxes.get(id);
        if (!box) continue;
        expect(box.x > frame.x && box.y > frame.y && box.x + box.width < frame.x + frame.width && box.y + box.height < frame.y + frame.height, `${id} inside its frame`).toBe(true);
      }
    }
    expect(countBoxOverlaps(layout.frames)).toBe(0);
  } else {
    expect(layout.frames).toEqual([]);
  }
}
