/**
 * The properties every layout must have, checked with vitest's expect so a failure names the relation or
 * table at fault.
 */
import { expect } from 'vitest';
import { HEADER_HEIGHT, ROW_HEIGHT, headerCenterY, measureTable, rowCenterY, tableHeaderText } from '../../../src/layout/measure.js';
import { boardMetrics } from '../../../src/layout/index.js';
import { countBoxOverlaps } from '../../../src/layout/metrics/metrics.js';
import type { Diagram } from '../../../src/model/diagram.js';
import type { Layout } from '../../../src/model/layout.js';

/** A row middle or a boundary between two rows of the box: where spread ends attach. */
function onRowGrid(y: number, box: { y: number; height: number }): boolean {
  const offset = y - box.y - HEADER_HEIGHT;
  const halves = (offset * 2) / ROW_HEIGHT;
  return offset > 0 && y < box.y + box.height && Math.abs(halves - Math.round(halves)) < 0.001;
}

/**
 * `maxEndsPerPoint`: relation ends one attach point may take (4, the layout's promise; a box has only so
 * many rows, so a hub drawn without reference boxes may need more).
 */
export function expectValidLayout(diagram: Diagram, layout: Layout, maxEndsPerPoint = 4): void {
  // Every table, sized by measure.ts, inside the canvas.
  expect(layout.tables.map((t) => t.id)).toEqual(diagram.tables.map((t) => t.id));
  const boxes = new Map(layout.tables.map((t) => [t.id, t]));
  for (const table of diagram.tables) {
    const box = boxes.get(table.id);
    const size = measureTable(table, tableHeaderText(table, diagram.schemas.length));
    expect(box && { width: box.width, height: box.height }, table.id).toEqual({ width: size.width, height: size.height });
    expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height, table.id).toBe(true);
  }
  const references = new Map((layout.references ?? []).map((r) => [r.id, r]));
  expect(countBoxOverlaps([...layout.tables, ...references.values()])).toBe(0);

  // Every relation, attached exactly at its rows, with an orthogonal route from anchor to anchor. The
  // referenced end sits at its key row, or, where more than four ends would meet there, at another row
  // middle or row boundary of the same side, or along the top or bottom edge; never more than four ends
  // at one point.
  expect(layout.relations.map((r) => r.id)).toEqual(diagram.relations.map((r) => r.id));
  const routes = new Map(layout.relations.map((r) => [r.id, r]));
  for (const relation of diagram.relations) {
    const route = routes.get(relation.id);
    const from = boxes.get(relation.from);
    const to = route?.toItem ? references.get(route.toItem) : boxes.get(relation.to);
    if (!route || !from || !to) throw new Error(`missing ${relation.id}`);
    if (route.toItem) expect(references.get(route.toItem)?.table, relation.id).toBe(relation.to);
    expect([route.from, route.to]).toEqual([relation.from, relation.to]);
    expect(route.fromSide === 'left' || route.fromSide === 'right', relation.id).toBe(true);
    expect(route.fromAnchor.x, relation.id).toBe(route.fromSide === 'right' ? from.x + from.width : from.x);
    if (relation.fromRow !== null) expect(route.fromAnchor.y, relation.id).toBe(from.y + rowCenterY(relation.fromRow));
    else expect(onRowGrid(route.fromAnchor.y, from) || Math.abs(route.fromAnchor.y - from.y - headerCenterY()) < 0.011, relation.id).toBe(true);
    if (route.toSide === 'top' || route.toSide === 'bottom') {
      // A referenced end on the top or bottom edge (a subject area's way round what lies between), inside the edge.
      expect(route.toAnchor.y, relation.id).toBe(route.toSide === 'top' ? to.y : to.y + to.height);
      expect(route.toAnchor.x > to.x && route.toAnchor.x < to.x + to.width, `${relation.id} attaches along the edge`).toBe(true);
    } else {
      expect(route.toAnchor.x, relation.id).toBe(route.toSide === 'right' ? to.x + to.width : to.x);
      const keyRow = to.y + (route.toItem ? rowCenterY(0) : relation.toRow === null ? headerCenterY() : rowCenterY(relation.toRow));
      expect(Math.abs(route.toAnchor.y - keyRow) < 0.011 || onRowGrid(route.toAnchor.y, to), `${relation.id} attaches at a row of ${route.toItem ?? relation.to}`).toBe(true);
    }
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

  expect(boardMetrics(layout).maxEndsPerPoint).toBeLessThanOrEqual(maxEndsPerPoint);

  // Frames: one per schema when there are several, or one per subject area; holding their tables, never overlapping.
  const areas = diagram.areas ?? [];
  if (diagram.schemas.length > 1 || areas.length > 0) {
    const inArea = new Set(areas.flatMap((a) => a.tables));
    const expected = [
      ...areas.map((a) => ({ key: a.key, tables: a.tables })),
      ...diagram.schemas
        .map((schema) => ({ key: schema, tables: diagram.tables.filter((t) => t.schema === schema && !inArea.has(t.id)).map((t) => t.id) }))
        .filter((f) => f.tables.length > 0),
    ].sort((a, b) => (a.key < b.key ? -1 : 1));
    const actual = layout.frames.map((f) => ({ key: f.area?.key ?? f.schema, tables: f.tables })).sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(actual).toEqual(expected);
    for (const frame of layout.frames) {
      const inside = [...frame.tables, ...(layout.references ?? []).filter((r) => r.area === (frame.area?.key ?? frame.schema)).map((r) => r.id)];
      for (const id of inside) {
        const box = boxes.get(id) ?? references.get(id);
        if (!box) continue;
        expect(box.x > frame.x && box.y > frame.y && box.x + box.width < frame.x + frame.width && box.y + box.height < frame.y + frame.height, `${id} inside its frame`).toBe(true);
      }
    }
    expect(countBoxOverlaps(layout.frames)).toBe(0);
  } else {
    expect(layout.frames).toEqual([]);
  }
}
