/**
 * Every relation of a schema model, whatever backs it: foreign-key constraints and the relations the
 * database does not enforce (declared in the config, or inferred from column names). The graph stage and
 * the document outputs read relations through this one list, so they agree on what a relation is.
 */
import type { DatabaseSchema, ForeignKey, RelationKind, TableRef, UnenforcedRelation } from './schema.js';
import { tableId } from './schema.js';

/**
 * A relation as a config file declares it: `{ "from": "public.orders(customer_ref)", "to": "public.customers(id)" }`
 * (the relations stage resolves it against the model).
 */
export interface DeclaredRelationSpec {
  from: string;
  to: string;
}

export interface SchemaRelation {
  kind: RelationKind;
  /** `schema.table.constraint` for a foreign key; the unenforced relation's own id otherwise. */
  id: string;
  from: TableRef & { columns: string[] };
  references: TableRef & { columns: string[] };
  /** The constraint, for a foreign key; null for a declared or inferred relation. */
  foreignKey: ForeignKey | null;
}

/** Foreign keys in table order, then the unenforced relations; a repeated id is kept once. */
export function schemaRelations(schema: DatabaseSchema): SchemaRelation[] {
  const relations = new Map<string, SchemaRelation>();
  for (const table of schema.tables) {
    for (const foreignKey of table.foreignKeys) {
      const id = `${tableId(table)}.${foreignKey.name}`;
      if (relations.has(id)) continue;
      relations.set(id, {
        kind: 'constraint',
        id,
        from: { schema: table.schema, name: table.name, columns: [...foreignKey.columns] },
        references: { ...foreignKey.references, columns: [...foreignKey.references.columns] },
        foreignKey,
      });
    }
  }
  for (const relation of schema.relations ?? []) {
    if (relations.has(relation.id)) continue;
    relations.set(relation.id, { ...relation, foreignKey: null });
  }
  return [...relations.values()];
}

/** `declared:public.orders(customer_ref)->public.customers(id)`: the id of an unenforced relation. */
export function unenforcedRelationId(
  kind: UnenforcedRelation['kind'],
  from: TableRef & { columns: string[] },
  to: TableRef & { columns: string[] },
): string {
  return `${kind}:${tableId(from)}(${from.columns.join(',')})->${tableId(to)}(${to.columns.join(',')})`;
}

/** A relation the database does not enforce is drawn dashed and said to be "not enforced". */
export function isEnforced(kind: RelationKind): boolean {
  return kind === 'constraint';
}
