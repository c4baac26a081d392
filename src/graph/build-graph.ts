/**
 * The schema as a graphology multigraph: one node per kept table, one edge per relation keyed by its id,
 * so parallel foreign keys and self-references survive. The filters keep tables by name; `focus` then keeps
 * the neighbourhood graphology finds around one table.
 */
import { MultiDirectedGraph } from 'graphology';
import type { DatabaseSchema } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import { validateGraphOptions } from './options.js';
import { modelRelations } from './relations.js';
import { filterTables, focusedTables } from './selection.js';
import type { GraphOptions, SchemaGraph } from './types.js';

export function buildSchemaGraph(schema: DatabaseSchema, options: GraphOptions = {}): SchemaGraph {
  validateGraphOptions(options);
  const relations = modelRelations(schema, options.views === true);
  const tablesById = new Map(schema.tables.map((t) => [tableId(t), t]));

  const graph: SchemaGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  for (const id of filterTables(schema, options)) {
    const table = tablesById.get(id);
    if (table) graph.addNode(id, { id, table });
  }
  for (const r of relations) {
    if (!graph.hasNode(r.from) || !graph.hasNode(r.to)) continue;
    const { from, to, ...attributes } = r;
    graph.addDirectedEdgeWithKey(r.id, from, to, attributes);
  }
  const focused = focusedTables(schema, graph, options);
  if (focused !== null) graph.filterNodes((id) => !focused.has(id)).forEach((id) => graph.dropNode(id));

  let droppedRelations = 0;
  for (const r of relations) {
    if (graph.hasNode(r.from) !== graph.hasNode(r.to)) droppedRelations++;
  }
  graph.replaceAttributes({ title: options.title ?? schema.database, droppedRelations });
  return graph;
}
