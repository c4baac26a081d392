/**
 * The schema as a graphology multigraph: one node per kept table, one edge per relation keyed by its id,
 * so parallel foreign keys and self-references survive.
 */
import { MultiDirectedGraph } from 'graphology';
import type { DatabaseSchema } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import { validateGraphOptions } from './options.js';
import { modelRelations } from './relations.js';
import { selectTables } from './selection.js';
import type { GraphOptions, SchemaGraph } from './types.js';

export function buildSchemaGraph(schema: DatabaseSchema, options: GraphOptions = {}): SchemaGraph {
  validateGraphOptions(options);
  const relations = modelRelations(schema, options.views === true);
  const keptIds = selectTables(schema, relations, options);
  const kept = new Set(keptIds);
  const tablesById = new Map(schema.tables.map((t) => [tableId(t), t]));

  let droppedRelations = 0;
  for (const r of relations) {
    if (kept.has(r.from) !== kept.has(r.to)) droppedRelations++;
  }
  const graph: SchemaGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  graph.replaceAttributes({ title: options.title ?? schema.database, droppedRelations });
  for (const id of keptIds) {
    const table = tablesById.get(id);
    if (table) graph.addNode(id, { id, table });
  }
  for (const r of relations) {
    if (!kept.has(r.from) || !kept.has(r.to)) continue;
    const { from, to, ...attributes } = r;
    graph.addDirectedEdgeWithKey(r.id, from, to, attributes);
  }
  return graph;
}
