/**
 * The relations stage, between introspect and graph: adds to the schema model the relations that no
 * constraint backs (config `relations`, `--infer-relations`). Pure: the same model and options give the
 * same relations, sorted by id.
 */
import type { DatabaseSchema, UnenforcedRelation } from '../model/schema.js';
import { declaredRelations } from './declared.js';
import { inferRelations } from './infer.js';
import type { RelationOptions } from './types.js';

export type { DeclaredRelationSpec, RelationOptions } from './types.js';
export { declaredRelations } from './declared.js';
export { inferRelations } from './infer.js';

/** The schema with `relations` set; unchanged (no `relations` key) when nothing was asked for. */
export function addRelations(schema: DatabaseSchema, options: RelationOptions = {}): DatabaseSchema {
  const declared = declaredRelations(schema, options.declared ?? []);
  const inferred = options.infer
    ? inferRelations(schema, { alreadyCovered: declared, ...(options.searchPath ? { searchPath: options.searchPath } : {}) })
    : [];
  const relations: UnenforcedRelation[] = [...(schema.relations ?? []), ...declared, ...inferred];
  if (relations.length === 0) return schema;
  const byId = new Map(relations.map((r) => [r.id, r]));
  return { ...schema, relations: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}
