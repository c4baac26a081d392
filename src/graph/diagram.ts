/**
 * The graph reduced to what layout and render need: rows per table, and the row where each relation attaches.
 */
import type { Diagram, DiagramRelation, DiagramRow, DiagramTable } from '../model/diagram.js';
import type { DatabaseSchema } from '../model/schema.js';
import { buildSchemaGraph } from './build-graph.js';
import { tableRows } from './rows.js';
import { subjectAreas } from './subject-areas.js';
import { diagramEnums } from './enums.js';
import { compareStrings } from '../util/compare.js';
import type { GraphOptions } from './types.js';

export function buildDiagram(schema: DatabaseSchema, options: GraphOptions = {}): Diagram {
  const graph = buildSchemaGraph(schema, options);
  // Columns a drawn relation ends at, declared and inferred ones included: rows that stay when columns are cut.
  const relationColumns = new Map<string, Set<string>>();
  const keep = (tableId: string, columns: readonly string[]): void => {
    const kept = relationColumns.get(tableId) ?? new Set<string>();
    for (const column of columns) kept.add(column);
    relationColumns.set(tableId, kept);
  };
  graph.forEachEdge((_key, r, from, to) => {
    keep(from, r.fromColumns);
    keep(to, r.toColumns);
  });
  const tables: DiagramTable[] = [];
  graph.forEachNode((id, { table }) => {
    const { rows, hiddenColumns } = tableRows(table, options.columns ?? 'all', options.maxColumns, relationColumns.get(id));
    tables.push({ id, schema: table.schema, name: table.name, kind: table.kind, comment: table.comment, rows, hiddenColumns });
  });
  tables.sort((a, b) => compareStrings(a.id, b.id));
  const rowsById = new Map(tables.map((t) => [t.id, t.rows]));

  const relations: DiagramRelation[] = [];
  graph.forEachEdge((_key, r, from, to) => {
    relations.push({
      id: r.id,
      kind: r.kind,
      from,
      to,
      fromColumns: r.fromColumns,
      toColumns: r.toColumns,
      fromEnd: r.fromEnd,
      toEnd: r.toEnd,
      fromRow: rowOf(rowsById.get(from), r.fromColumns[0]),
      toRow: rowOf(rowsById.get(to), r.toColumns[0]),
    });
  });
  relations.sort((a, b) => compareStrings(a.id, b.id));
  const { areas, hubs } = subjectAreas(tables, relations, options.areas);
  return {
    title: graph.getAttribute('title'),
    schemas: [...new Set(tables.map((t) => t.schema))].sort(compareStrings),
    tables,
    relations,
    droppedRelations: graph.getAttribute('droppedRelations'),
    areas,
    hubs,
    enums: diagramEnums(schema.enums, tables),
  };
}

function rowOf(rows: DiagramRow[] | undefined, column: string | undefined): number | null {
  if (rows === undefined || column === undefined) return null;
  const index = rows.findIndex((row) => row.column === column);
  return index < 0 ? null : index;
}
