/**
 * The render stage fed by the real stages before it: fixtures/rich.sql (several schemas, quoted names,
 * composite and nullable keys, views) loaded into the embedded PostgreSQL, introspected, graphed and laid
 * out. Checks the scene against the schema model itself, not against what the graph stage decided.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { headerCenterY, rowCenterY } from '../../src/layout/measure.js';
import type { Diagram } from '../../src/model/diagram.js';
import type { BoardScene } from '../../src/model/scene.js';
import type { DatabaseSchema, Table } from '../../src/model/schema.js';
import { renderSvg } from '../../src/render/index.js';
import { escapeXml } from '../../src/render/xml.js';
import { tableContent } from '../../src/board/items.js';
import { wellFormedProblem } from './well-formed.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';

let schema: DatabaseSchema;
let diagram: Diagram;
let scene: BoardScene;

beforeAll(async () => {
  schema = await readSchema({ kind: 'sql', paths: ['fixtures/rich.sql'] }, { views: true });
  ({ diagram, scene } = await drawSchema(schema, { graph: { views: true } }));
});

function modelTable(id: string): Table {
  const table = schema.tables.find((t) => `${t.schema}.${t.name}` === id);
  if (table === undefined) throw new Error(`no table ${id} in the model`);
  return table;
}

describe('scene of a real schema (fixtures/rich.sql)', () => {
  it('has every table of the diagram once, schema-qualified, inside one frame per schema', () => {
    expect(diagram.schemas.length).toBeGreaterThan(1);
    expect(scene.tables.map((t) => t.id)).toEqual(diagram.tables.map((t) => t.id));
    for (const t of scene.tables) expect(t.header).toBe(`${t.schema}.${t.name}`);
    expect(scene.frames.map((f) => f.schema)).toEqual(diagram.schemas);
    for (const t of scene.tables) {
      const frame = scene.frames.find((f) => f.schema === t.schema)!;
      expect(t.box.x).toBeGreaterThanOrEqual(frame.box.x);
      expect(t.box.y).toBeGreaterThanOrEqual(frame.box.y);
      expect(t.box.x + t.box.width).toBeLessThanOrEqual(frame.box.x + frame.box.width);
      expect(t.box.y + t.box.height).toBeLessThanOrEqual(frame.box.y + frame.box.height);
      expect(t.colors).toEqual(frame.colors);
    }
  });

  it('marks each foreign key end by the ERD rules, derived here from the model', () => {
    const foreignKeys = scene.connectors.filter((c) => c.style === 'solid');
    expect(foreignKeys.length).toBeGreaterThan(3);
    for (const connector of foreignKeys) {
      const relation = diagram.relations.find((r) => r.id === connector.id)!;
      const from = modelTable(relation.from);
      const columns = new Set(relation.fromColumns);
      const sameColumns = (keyColumns: string[]): boolean =>
        keyColumns.length === columns.size && keyColumns.every((c) => columns.has(c));
      const unique =
        (from.primaryKey !== null && sameColumns(from.primaryKey.columns)) ||
        from.uniqueKeys.some((k) => k.predicate === null && sameColumns(k.columns));
      const nullable = from.columns.some((c) => columns.has(c.name) && c.nullable);
      expect([connector.id, connector.startMarker]).toEqual([connector.id, unique ? 'zero_or_one' : 'zero_or_many']);
      expect([connector.id, connector.endMarker]).toEqual([connector.id, nullable ? 'zero_or_one' : 'exactly_one']);
    }
    const views = scene.connectors.filter((c) => c.style === 'dashed');
    expect(views.length).toBeGreaterThan(0);
    for (const v of views) expect([v.startMarker, v.endMarker]).toEqual(['none', 'none']);
  });

  it('attaches every connector on the row of its first key column (or the header), on a left or right edge', () => {
    for (const connector of scene.connectors) {
      const relation = diagram.relations.find((r) => r.id === connector.id)!;
      const ends = [
        { attach: connector.fromAttach, table: relation.from, row: relation.fromRow, column: relation.fromColumns[0] },
        { attach: connector.toAttach, table: relation.to, row: relation.toRow, column: relation.toColumns[0] },
      ];
      for (const end of ends) {
        const table = scene.tables.find((t) => t.id === end.table)!;
        expect(end.attach.x === 0 || end.attach.x === 1).toBe(true);
        const expectedY = end.row === null ? headerCenterY() : rowCenterY(end.row);
        expect(Math.abs(end.attach.y * table.box.height - expectedY)).toBeLessThan(0.5);
        if (end.row !== null) expect(table.rows[end.row]!.column).toBe(end.column);
      }
    }
  });

  it('keeps the title clear of the diagram and draws a well-formed SVG of it', () => {
    const top = Math.min(...scene.frames.map((f) => f.box.y), ...scene.tables.map((t) => t.box.y));
    expect(scene.title.box.y + scene.title.box.height).toBeLessThan(top);
    const svg = renderSvg(scene);
    expect(wellFormedProblem(svg)).toBeNull();
    expect(svg).toContain('data-table-id="sales.Order Items"');
    expect(svg.match(/data-table-id=/g)).toHaveLength(scene.tables.length);
  });

  it('shows each column comment on hover over its row in the preview, escaped', () => {
    const svg = renderSvg(scene);
    const commented = schema.tables.flatMap((t) => t.columns.filter((c) => c.comment !== null).map((c) => ({ table: `${t.schema}.${t.name}`, column: c })));
    expect(commented.length).toBeGreaterThanOrEqual(2);
    for (const { table, column } of commented) {
      const group = svg.slice(svg.indexOf(`data-table-id="${escapeXml(table)}"`));
      expect(group.slice(0, group.indexOf('\n</g>')), `${table}.${column.name}`).toContain(`<title>${escapeXml(`${column.name}: ${column.comment}`)}</title>`);
    }
    expect(wellFormedProblem(svg)).toBeNull();
  });

  it("shows a table's comment as an italic line under its header, on the board and in the preview, rows below it", () => {
    const employees = scene.tables.find((t) => t.id === 'public.employees')!;
    expect(employees.rows[0]).toMatchObject({ tableComment: true, label: 'Staff, with their managers', column: null });
    // Relations attach below it: the FK row's index counts the comment line.
    const managerRow = employees.rows.findIndex((r) => r.column === 'manager_id');
    expect(managerRow).toBeGreaterThan(0);
    const selfReference = scene.connectors.find((c) => c.from === 'public.employees' && c.to === 'public.employees')!;
    expect(selfReference.fromAttach.y).toBeCloseTo(rowCenterY(managerRow) / employees.box.height, 3);
    const content = tableContent(employees);
    expect(content.split('</p>')[1]).toBe('<p><em>Staff, with their managers</em>');
    const svg = renderSvg(scene);
    const group = svg.slice(svg.indexOf('data-table-id="public.employees"'));
    expect(group.slice(0, group.indexOf('\n</g>'))).toMatch(/<g class="s2m-row s2m-comment" data-row="0"><text class="s2m-name" font-style="italic"[^>]*>Staff, with their managers<\/text>/);
    // A comment with markup is text, cut with "…" to the box.
    const items = scene.tables.find((t) => t.id === 'sales.Order Items')!;
    expect(items.rows[0]!.label).toBe('Lines of an order <b>& more</b>');
    expect(tableContent(items)).toContain('<p><em>Lines of an order &lt;b&gt;&amp; more&lt;…</em></p>');
  });
});
