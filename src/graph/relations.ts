/**
 * Every relation the model declares, before filters: one per foreign key, and one per view dependency when
 * views are drawn. Ends may name tables the model does not hold; the filters count those as dropped.
 */
import type { DatabaseSchema } from '../model/schema.js';
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
  for (const table of schema.tables) {
    const from = tableId(table);
    for (const foreignKey of table.foreignKeys) {
      const id = `${from}.${foreignKey.name}`;
      // Constraint names are unique per table in PostgreSQL; a repeated one would be a duplicate in the model.
      if (relations.has(id)) continue;
      relations.set(id, {
        id,
        kind: 'foreign_key',
        from,
        to: tableId(foreignKey.references),
        fromColumns: [...foreignKey.columns],
        toColumns: [...foreignKey.references.columns],
        fromEnd: referencingEnd(table, foreignKey),
        toEnd: referencedEnd(table, foreignKey),
      });
    }
    if (includeViews && isViewKind(table.kind)) {
      for (const source of table.dependsOn) {
        const to = tableId(source);
        const id = `view:${from}->${to}`;
        if (relations.has(id)) continue;
        // A view reads many rows of each source; the ends carry no key meaning, drawers show it dashed.
        relations.set(id, { id, kind: 'view_dependency', from, to, fromColumns: [], toColumns: [], fromEnd: 'zero_or_many', toEnd: 'exactly_one' });
      }
    }
  }
  return [...relations.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
