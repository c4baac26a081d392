/**
 * What the document outputs (Markdown, Mermaid, DBML) describe: the tables of the diagram, with their full
 * detail from the schema model, and every relation of the model that touches one of them. The diagram
 * decides which tables (filters, focus); the model gives columns, keys, indexes and comments.
 */
import type { Diagram, DiagramRelation } from '../model/diagram.js';
import { schemaRelations, type SchemaRelation } from '../model/relations.js';
import type { DatabaseSchema, Table } from '../model/schema.js';
import { tableId } from '../model/schema.js';

export interface DocumentedSchema {
  schema: DatabaseSchema;
  /** Sorted by id, as in the diagram. */
  tables: Table[];
  /** Relations with at least one end among `tables`, in the model's order. */
  relations: SchemaRelation[];
  /** The diagram's relation (with its crow's-foot ends) for each relation id it draws. */
  drawn: ReadonlyMap<string, DiagramRelation>;
  /** Ids of the documented tables, to tell whether a relation's other end is documented too. */
  ids: ReadonlySet<string>;
}

export function documentedSchema(schema: DatabaseSchema, diagram: Diagram): DocumentedSchema {
  const byId = new Map(schema.tables.map((t) => [tableId(t), t]));
  const tables = diagram.tables.map((t) => byId.get(t.id)).filter((t): t is Table => t !== undefined);
  const ids = new Set(tables.map(tableId));
  const relations = schemaRelations(schema).filter((r) => ids.has(tableId(r.from)) || ids.has(tableId(r.references)));
  return { schema, tables, relations, drawn: new Map(diagram.relations.map((r) => [r.id, r])), ids };
}

/** `foreign key`, `declared, not enforced`, `inferred, not enforced`: how a relation is known, in words. */
export function relationKindText(relation: SchemaRelation): string {
  if (relation.kind === 'constraint') return 'foreign key';
  return `${relation.kind}, not enforced`;
}
