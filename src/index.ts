/**
 * schema-to-miro as a library: each stage's entry point, the data types that pass between them, and the
 * joined pipeline. The CLI (`src/cli/`) is one user of exactly this surface.
 */
export type * from './model/schema.js';
export type * from './model/diagram.js';
export type * from './model/layout.js';
export type * from './model/scene.js';
export { SCHEMA_FORMAT_VERSION, tableId } from './model/schema.js';
export { LAYOUT_FORMAT_VERSION } from './model/layout.js';
export { SchemaToMiroError, isSchemaToMiroError, type ErrorKind } from './errors.js';

export { openSource, type CatalogSource, type SourceSpec } from './source/index.js';
export { introspect, type IntrospectOptions } from './introspect/index.js';
export { addRelations, declaredRelations, inferRelations, type DeclaredRelationSpec, type RelationOptions } from './relations/index.js';
export { schemaRelations, type SchemaRelation } from './model/relations.js';
export { buildDiagram, buildSchemaGraph, type GraphOptions } from './graph/index.js';
export { layoutDiagram, type LayoutOptions } from './layout/index.js';
export { buildScene, composeScenes, type SceneOptions } from './scene/index.js';
export { renderHtml, renderSvg, svgToPng } from './render/index.js';
export { documentedSchema, erDiagramMermaid, schemaDbml, schemaMarkdown, type MermaidOptions } from './docs/index.js';
export { MiroClient, parseBoardId, type MiroClientOptions } from './miro/index.js';
export type { CredentialProvider } from './miro/credentials.js';
export { StaticTokenProvider } from './miro/credentials.js';
export { syncBoard, formatSyncReport, formatPlan, type SyncOptions, type SyncReport } from './board/index.js';
export { resolveCredentials } from './auth/index.js';
export {
  readSchema,
  loadSchema,
  drawSchema,
  selectDiagram,
  drawDiagram,
  type DrawnSchema,
  type DrawOptions,
  type LoadedSchema,
  type Progress,
  type ProgressStep,
} from './pipeline.js';
export { configJsonSchema } from './config/index.js';
