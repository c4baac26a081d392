/**
 * The main job, stage by stage: read the schema, build the diagram, lay it out, draw it to files and/or
 * keep a Miro board current. The stages know nothing of each other; this is the only place that joins them.
 */
import { basename } from 'node:path';
import { NO_CREDENTIALS_MESSAGE, resolveCredentials, resolveMiroUrls } from '../auth/index.js';
import { isSchemaToMiroError, SchemaToMiroError } from '../errors.js';
import type { GraphOptions } from '../graph/index.js';
import type { Diagram } from '../model/diagram.js';
import { buildDiagram } from '../graph/index.js';
import { introspect } from '../introspect/index.js';
import { layoutDiagram } from '../layout/index.js';
import { MiroClient } from '../miro/client.js';
import type { CredentialProvider } from '../miro/credentials.js';
import type { BoardScene } from '../model/scene.js';
import type { DatabaseSchema, UnenforcedRelation } from '../model/schema.js';
import { buildScene, composeScenes, type NamedScene } from '../render/index.js';
import { openSource } from '../source/index.js';
import { resolveSqlFiles } from '../source/sql-files.js';
import type { NamedDiagramConfig } from '../config/index.js';
import { formatPlan, formatSyncReport, syncBoard, type SyncReport } from '../sync/index.js';
import { documentContent, drawnContent } from './output-content.js';
import { isDrawnFormat, writeOutput, type OutputTarget } from './outputs.js';
import { createProgress, type Progress, type ProgressStream } from './progress.js';
import type { MiroRunOptions, RunOptions } from './run-options.js';

export interface CliIO {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Where `schema-to-miro.config.json` is looked for; default the process's working folder. */
  cwd?: string;
}

/** What a run did, for the exit code, `--json` and `--summary`. */
export interface RunResult {
  /** The database (or SQL files' name) read, and how many tables it had. */
  database: string;
  tables: number;
  /** Files written by `--out`. */
  outputs: string[];
  /** The board sync (or plan, for `--dry-run` and `--check`); null when no board was asked for. */
  sync: SyncReport | null;
  /** The mark put on tables changed by this run, `changed in 3_add_tags.sql` (null when nothing was synced). */
  changeMark: string | null;
  /** The diagram drawn, for the summary's picture of what changed. */
  diagram?: Diagram;
  /** Declared and inferred relations added to the model (listed by `--json` and `--summary`). */
  unenforcedRelations?: UnenforcedRelation[];
}

export async function runMain(options: RunOptions, io: CliIO): Promise<RunResult> {
  const progress = createProgress(io.stderr, { quiet: options.quiet || options.json });
  // Missing credentials are found before the slow part (loading, layout), not after it.
  const miro = options.miro === null ? null : { options: options.miro, ...(await miroConnection(options.miro, io.env)) };
  const { schema, database } = await loadSchema(options, io.env, progress);
  const result: RunResult = { database, tables: schema.tables.length, outputs: [], sync: null, changeMark: null };

  const filters = {
    schemas: options.schemas,
    views: options.views,
    columns: options.columns,
    ...(options.maxColumns !== undefined ? { maxColumns: options.maxColumns } : {}),
  };
  const diagram = buildDiagram(schema, {
    ...filters,
    include: options.include,
    exclude: options.exclude,
    ...(options.focus !== undefined ? { focus: options.focus, depth: options.depth } : {}),
  });
  result.diagram = diagram;
  result.unenforcedRelations = schema.relations ?? [];
  if (diagram.droppedRelations > 0) {
    progress.info(
      `${diagram.droppedRelations} relation${diagram.droppedRelations === 1 ? '' : 's'} to tables outside the filters left out`,
    );
  }

  const modelOutputs = options.outputs.filter((o) => !isDrawnFormat(o.format));
  const drawnOutputs = options.outputs.filter((o) => isDrawnFormat(o.format));
  for (const output of modelOutputs) {
    await writeAll([output], () => documentContent(output.format, schema, diagram), progress);
    result.outputs.push(output.path);
  }
  if (drawnOutputs.length === 0 && options.miro === null) return result;

  const layoutStep = progress.step('layout');
  const layout = await layoutDiagram(diagram, { direction: options.direction });
  layoutStep.finish(`${layout.tables.length} tables, ${layout.relations.length} relations`);
  const named: NamedScene[] = [];
  for (const wanted of options.diagrams) {
    const step = progress.step(`layout of diagram "${wanted.name}"`);
    const subset = namedDiagram(schema, filters, wanted);
    const subsetLayout = await layoutDiagram(subset, { direction: options.direction });
    named.push({ name: wanted.name, scene: buildScene(subset, subsetLayout, { colors: options.colors }) });
    step.finish(`${subsetLayout.tables.length} tables`);
  }
  const scene = composeScenes(buildScene(diagram, layout, { colors: options.colors }), named);

  for (const output of drawnOutputs) {
    await writeAll([output], () => drawnContent(output.format, scene, layout), progress);
    result.outputs.push(output.path);
  }

  if (miro !== null) {
    result.changeMark = await changeMarkOf(options, miro.options);
    result.sync = await syncToMiro(scene, miro, result.changeMark, progress);
    if (!options.json) io.stdout.write(`${formatRunText(result.sync, miro.options)}\n`);
  }
  return result;
}

function namedDiagram(schema: DatabaseSchema, filters: GraphOptions, wanted: NamedDiagramConfig): Diagram {
  try {
    return buildDiagram(schema, { ...filters, ...namedDiagramFilters(wanted) });
  } catch (error) {
    // The graph stage speaks of flags; here the filters come from the config's diagram.
    if (isSchemaToMiroError(error)) {
      throw new SchemaToMiroError(error.kind, `config diagram "${wanted.name}": ${error.message.replace(/--(include|exclude|focus|depth)\b/g, '$1')}`, { cause: error });
    }
    throw error;
  }
}

/** A named diagram's subset: its tables (as exact `schema.table`, or any schema's `table`), globs, or focus. */
function namedDiagramFilters(wanted: NamedDiagramConfig): { include?: string[]; exclude?: string[]; focus?: string; depth?: number } {
  const tables = (wanted.tables ?? []).map((name) => (name.includes('.') ? name : `*.${name}`));
  const include = [...tables, ...(wanted.include ?? [])];
  return {
    ...(include.length > 0 ? { include } : {}),
    ...(wanted.exclude !== undefined ? { exclude: wanted.exclude } : {}),
    ...(wanted.focus !== undefined ? { focus: wanted.focus, depth: wanted.depth ?? 1 } : {}),
  };
}

/** `changed in <--change-label>`, else `changed in <last migration of --sql>` (what a CI job just ran), else the date. */
async function changeMarkOf(options: RunOptions, miro: MiroRunOptions): Promise<string> {
  if (miro.changeLabel !== undefined) return `changed in ${miro.changeLabel}`;
  if (options.source.kind === 'sql') {
    const last = (await resolveSqlFiles(options.source.paths)).at(-1);
    if (last !== undefined) return `changed in ${basename(last)}`;
  }
  return `changed ${new Date().toISOString().slice(0, 10)}`;
}

function formatRunText(report: SyncReport, miro: MiroRunOptions): string {
  if (miro.check) {
    const verdict = report.inSync
      ? `In sync: board ${report.boardUrl ?? report.boardId} shows the schema.`
      : `Out of sync: board ${report.boardUrl ?? report.boardId} needs ${report.planned.calls} write${report.planned.calls === 1 ? '' : 's'}.`;
    return `${formatPlan(report).replace(/\nDry run: nothing was written\.$/, '')}\n${verdict} Nothing was written (--check).`;
  }
  return miro.dryRun ? formatPlan(report) : formatSyncReport(report);
}

async function loadSchema(
  options: RunOptions,
  env: NodeJS.ProcessEnv,
  progress: Progress,
): Promise<{ schema: DatabaseSchema; database: string }> {
  const step = progress.step(options.source.kind === 'sql' ? 'load SQL into embedded PostgreSQL' : 'connect');
  const source = await openSource(options.source, env);
  try {
    step.finish(source.description);
    const read = progress.step('introspect');
    const schema = await introspect(source, { schemas: options.schemas, views: options.views });
    read.finish(`${schema.tables.length} tables in ${schema.schemas.length} schema${schema.schemas.length === 1 ? '' : 's'}`);
    return { schema, database: source.database };
  } finally {
    await source.close();
  }
}

async function writeAll(outputs: OutputTarget[], content: () => string | Uint8Array, progress: Progress): Promise<void> {
  for (const output of outputs) {
    await writeOutput(output.path, content());
    progress.info(`wrote ${output.path}`);
  }
}

interface MiroConnection {
  options: MiroRunOptions;
  apiBaseUrl: string;
  credentials: CredentialProvider;
}

async function miroConnection(miro: MiroRunOptions, env: NodeJS.ProcessEnv): Promise<Omit<MiroConnection, 'options'>> {
  const { apiBaseUrl } = resolveMiroUrls(env);
  const credentials = await resolveCredentials({ ...(miro.token !== undefined ? { token: miro.token } : {}), env, apiBaseUrl });
  if (credentials === null) {
    throw new SchemaToMiroError('miro_auth', `${NO_CREDENTIALS_MESSAGE} (or write a local preview with --out erd.html)`);
  }
  return { apiBaseUrl, credentials };
}

async function syncToMiro(scene: BoardScene, connection: MiroConnection, mark: string, progress: Progress): Promise<SyncReport> {
  const miro = connection.options;
  const client = new MiroClient({ baseUrl: connection.apiBaseUrl, credentials: connection.credentials });
  try {
    const step = progress.step(miro.dryRun || miro.check ? 'plan' : 'sync board');
    const report = await syncBoard(scene, client, {
      ...(miro.boardId !== undefined ? { boardId: miro.boardId } : {}),
      ...(miro.boardName !== undefined ? { boardName: miro.boardName } : {}),
      ...(miro.teamId !== undefined ? { teamId: miro.teamId } : {}),
      prune: miro.prune,
      relayout: miro.relayout,
      dryRun: miro.dryRun,
      check: miro.check,
      mark,
      lock: { waitSeconds: miro.lockWaitSeconds },
      onProgress: (p) => step.update(p.done, p.total),
    });
    step.finish();
    return report;
  } finally {
    client.close();
  }
}
