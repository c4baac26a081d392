/**
 * Every relation the model holds, before filters: one per foreign key, declared or inferred relation, and one
 * per view dependency when views are drawn. Ends may name tables the model does not hold; the filters count those as dropped.
 */
import { schemaRelations } from '../model/relations.js';
import type { DatabaseSchema, Table } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import { referencedEnd, referencingEnd } from './cardinality.js';
import type { RelationEdgeAttributes } from './types.js';

export interface ModelRelation extends RelationEdgeAttributes {
  from: string;
  to: string;
}

export function isViewKind(kind: string): boolean {
  return kind === 'view' || kind === 'materialized_view';
}

export function modelRelations(schema: DatabaseSchema, includeViews: boolean): ModelRelation[] {
  const relations = new Map<string, ModelRelation>();
  const tables = new Map(schema.tables.map((t) => [tableId(t), t]));
  for (const relation of schemaRelations(schema)) {
    const from = tableId(relation.from);
    const table: Table | undefined = tables.get(from);
    const columns = { columns: relation.from.columns };
    relations.set(relation.id, {
      id: relation.id,
      kind: relation.kind === 'constraint' ? 'foreign_key' : relation.kind,
      from,
      to: tableId(relation.references),
      fromColumns: [...relation.from.columns],
      toColumns: [...relation.references.columns],
      fromEnd: table === undefined ? 'zero_or_many' : referencingEnd(table, columns),
      toEnd: table === undefined ? 'exactly_one' : referencedEnd(table, columns),
    });
  }
  for (const table of schema.tables) {
    if (!includeViews || !isViewKind(table.kind)) continue;
    const from = tableId(table);
    for (const source of table.dependsOn) {
      const to = tableId(source);
      const id = `view:${from}->${to}`;
      if (relations.has(id)) continue;
      // A view reads many rows of each source; the ends carry no key meaning, drawers show it dashed.
      relations.set(id, { id, kind: 'view_dependency', from, to, fromColumns: [], toColumns: [], fromEnd: 'zero_or_many', toEnd: 'exactly_one' });
    }
  }
  return [...relations.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
