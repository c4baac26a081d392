/**
 * The one pipeline: source -> introspect -> graph -> layout -> scene, with progress hooks between the
 * stages. The CLI (src/cli/run.ts) and library users (`readSchema`, `drawSchema`) run exactly this, named
 * diagrams and their composition beside the whole schema included, so both draw the same board and preview.
 * The drawn scene then goes to the outputs (src/render/) and to the board (src/board/, `syncBoard`).
 */
import { buildDiagram, namedDiagramOptions, type GraphOptions } from './graph/index.js';
import { introspect, type IntrospectOptions } from './introspect/index.js';
import { addRelations, type RelationOptions } from './relations/index.js';
import type { LayoutOptions } from './layout/index.js';
import type { Diagram, NamedDiagramSpec } from './model/diagram.js';
import type { Layout } from './model/layout.js';
import type { BoardScene } from './model/scene.js';
import type { DatabaseSchema } from './model/schema.js';
import { isSchemaToMiroError, SchemaToMiroError } from './errors.js';
import type { NamedScene, SceneOptions } from './scene/index.js';
import { openSource, type SourceSpec } from './source/index.js';
import { plural } from './util/plural.js';

/** One step of a run, as the CLI's progress line shows it. */
export interface ProgressStep {
  /** `done` of `total` units (calls, tables...) so far. */
  update(done: number, total?: number): void;
  /** Ends the step; `summary` follows its label. */
  finish(summary?: string): void;
}

/** Where the pipeline reports its steps; the CLI's progress on stderr is one. */
export interface Progress {
  step(label: string): ProgressStep;
  /** A line of its own (never redrawn). */
  info(line: string): void;
  /** True on a terminal, where a step redraws one line in place. */
  readonly interactive: boolean;
}

const SILENT_STEP: ProgressStep = { update: () => {}, finish: () => {} };
/** Reports nothing: the default for library calls. */
export const SILENT: Progress = { step: () => SILENT_STEP, info: () => {}, interactive: false };

export interface LoadedSchema {
  schema: DatabaseSchema;
  /** The database read (or the SQL files' name). */
  database: string;
}

/** What is read: the catalog's schemas and views, and the relations no constraint backs (declared, inferred). */
export interface ReadOptions extends IntrospectOptions {
  relations?: RelationOptions;
}

/**
 * Opens the source, reads its catalog into the model (with the relations asked for), and closes it.
 * `onWarning` hears what the source skipped (a psql meta-command, say); the CLI prints it even when quiet,
 * since the diagram may lack something.
 */
export async function loadSchema(
  spec: SourceSpec,
  options: ReadOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  progress: Progress = SILENT,
  onWarning?: (message: string) => void,
): Promise<LoadedSchema> {
  const step = progress.step(spec.kind === 'sql' ? 'load SQL into embedded PostgreSQL' : 'connect');
  const source = await openSource(spec, env, {
    ...(onWarning !== undefined ? { onWarning } : {}),
    // A log without a terminal shows which migration is loading (a slow or stuck one is then named).
    onFile: (index, total, path) => (progress.interactive ? step.update(index, total) : progress.info(`loading ${index}/${total} ${path}`)),
  });
  try {
    step.finish(source.description);
    const read = progress.step('introspect');
    const { relations: relationOptions, ...introspectOptions } = options;
    const schema = addRelations(await introspect(source, introspectOptions), relationOptions);
    read.finish(`${plural(schema.tables.length, 'table')} in ${plural(schema.schemas.length, 'schema')}`);
    const inferred = (schema.relations ?? []).filter((r) => r.kind === 'inferred').length;
    if (relationOptions?.infer) progress.info(`${plural(inferred, 'relation')} inferred from column names (not enforced)`);
    return { schema, database: source.database };
  } finally {
    await source.close();
  }
}

/** The schema model of a source (`loadSchema` without the database name). */
export async function readSchema(
  spec: SourceSpec,
  options: ReadOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<DatabaseSchema> {
  return (await loadSchema(spec, options, env)).schema;
}

export interface DrawOptions {
  graph?: GraphOptions;
  layout?: LayoutOptions;
  scene?: SceneOptions;
  /** Named subsets (config `diagrams`), each laid out on its own and framed beside the whole schema. */
  diagrams?: readonly NamedDiagramSpec[];
  progress?: Progress;
}

export interface DrawnSchema {
  /** The whole schema's diagram (after the filters). */
  diagram: Diagram;
  /** The whole schema's layout (what `--out erd.layout.json` writes). */
  layout: Layout;
  /** The board: the whole schema and every named diagram beside it. */
  scene: BoardScene;
}

/**
 * Warms the layout engine up (layout/warm-up.ts) while something else keeps the process waiting, such as
 * `--sql` loading in the embedded PostgreSQL's thread. Never fails: a warm-up is only ever a speed-up.
 */
export async function warmUpDrawing(): Promise<void> {
  try {
    const { warmUpLayout } = await import('./layout/index.js');
    await warmUpLayout();
  } catch {
    // The real layout reports any problem itself.
  }
}

/** The graph stage: the filtered diagram of the whole schema, reporting relations the filters cut. */
export function selectDiagram(schema: DatabaseSchema, options: DrawOptions = {}): Diagram {
  const diagram = buildDiagram(schema, options.graph);
  if (diagram.droppedRelations > 0) {
    (options.progress ?? SILENT).info(
      `${plural(diagram.droppedRelations, 'relation')} to tables outside the filters left out`,
    );
  }
  return diagram;
}

/** Lays out and describes the board of a diagram of `schema`, with the named diagrams beside it. */
export async function drawDiagram(schema: DatabaseSchema, diagram: Diagram, options: DrawOptions = {}): Promise<DrawnSchema> {
  const progress = options.progress ?? SILENT;
  const layoutStep = progress.step('layout');
  // Layout and scene are loaded by a run that draws, not by one that only reads the schema.
  const [{ layoutDiagram }, { buildScene, composeScenes }] = await Promise.all([import('./layout/index.js'), import('./scene/index.js')]);
  const layout = await layoutDiagram(diagram, options.layout);
  layoutStep.finish(`${plural(layout.tables.length, 'table')}, ${plural(layout.relations.length, 'relation')}`);
  const named: NamedScene[] = [];
  for (const wanted of options.diagrams ?? []) {
    const step = progress.step(`layout of diagram "${wanted.name}"`);
    const subset = namedDiagram(schema, options.graph ?? {}, wanted);
    const subsetLayout = await layoutDiagram(subset, options.layout);
    named.push({ name: wanted.name, scene: buildScene(subset, subsetLayout, options.scene) });
    step.finish(plural(subsetLayout.tables.length, 'table'));
  }
  const scene = composeScenes(buildScene(diagram, layout, options.scene), named);
  return { diagram, layout, scene };
}

/** Filters, lays out and describes the board of one schema: `selectDiagram`, then `drawDiagram`. */
export async function drawSchema(schema: DatabaseSchema, options: DrawOptions = {}): Promise<DrawnSchema> {
  return drawDiagram(schema, selectDiagram(schema, options), options);
}

function namedDiagram(schema: DatabaseSchema, base: GraphOptions, wanted: NamedDiagramSpec): Diagram {
  try {
    return buildDiagram(schema, namedDiagramOptions(base, wanted));
  } catch (error) {
    // The graph stage names the option it rejects by its key; here that key sits in a config diagram.
    if (isSchemaToMiroError(error)) throw new SchemaToMiroError(error.kind, `config diagram "${wanted.name}": ${error.message}`, { cause: error });
    throw error;
  }
}
