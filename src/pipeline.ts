/**
 * The stages joined for library users, tests and benchmarks: a schema from a source, and a board scene
 * from a schema. The CLI runs the same stages one by one, to report progress between them.
 */
import { buildDiagram, type GraphOptions } from './graph/index.js';
import { introspect, type IntrospectOptions } from './introspect/index.js';
import { layoutDiagram, type LayoutOptions } from './layout/index.js';
import type { Diagram } from './model/diagram.js';
import type { Layout } from './model/layout.js';
import type { BoardScene } from './model/scene.js';
import type { DatabaseSchema } from './model/schema.js';
import { buildScene, type SceneOptions } from './scene/index.js';
import { openSource, type SourceSpec } from './source/index.js';

/** Opens the source, reads its catalog into the model, and closes it. */
export async function readSchema(
  spec: SourceSpec,
  options: IntrospectOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<DatabaseSchema> {
  const source = await openSource(spec, env);
  try {
    return await introspect(source, options);
  } finally {
    await source.close();
  }
}

export interface DrawnSchema {
  diagram: Diagram;
  layout: Layout;
  scene: BoardScene;
}

/** Filters, lays out and describes the board of one schema. */
export async function drawSchema(
  schema: DatabaseSchema,
  options: { graph?: GraphOptions; layout?: LayoutOptions; scene?: SceneOptions } = {},
): Promise<DrawnSchema> {
  const diagram = buildDiagram(schema, options.graph);
  const layout = await layoutDiagram(diagram, options.layout);
  return { diagram, layout, scene: buildScene(diagram, layout, options.scene) };
}
