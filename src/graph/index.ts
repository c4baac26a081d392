/** The graph stage: DatabaseSchema + filters -> a graphology multigraph, and the Diagram that layout and render read. */
export { buildSchemaGraph } from './build-graph.js';
export { buildDiagram } from './diagram.js';
export { namedDiagramOptions } from './named-diagram.js';
export type { GraphOptionKey, GraphOptions, RelationEdgeAttributes, SchemaGraph, SchemaGraphAttributes, TableNodeAttributes } from './types.js';
export { AREA_MIN_TABLES, HUB_REFERENCE_MIN, referenceHubs, subjectAreas } from './subject-areas.js';
export type { AreaRule, SubjectAreas } from './subject-areas.js';
