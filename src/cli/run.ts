/**
 * The main command: the pipeline (src/pipeline.ts, the same one library users run) from the flags, then
 * its outputs: files (`--out`) and/or a Miro board kept current.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isSchemaToMiroError, SchemaToMiroError } from '../errors.js';
import { plural } from '../util/plural.js';
import type { CredentialProvider } from '../miro/credentials.js';
import type { Diagram } from '../model/diagram.js';
import type { BoardScene } from '../model/scene.js';
import type { UnenforcedRelation } from '../model/schema.js';
import { drawDiagram, loadSchema, selectDiagram, warmUpDrawing, type DrawOptions, type Progress } from '../pipeline.js';
import { resolveSqlFiles } from '../source/sql-files.js';
import type { SyncReport } from '../board/index.js';
import { flagName } from '../config/index.js';
import { documentContent, drawnContent } from './output-content.js';
import { isDrawnFormat, writeOutput, type OutputTarget } from './outputs.js';
import type { RunCancel, SignalSource } from './cancel.js';
import { createProgress, type ProgressStream } from './progress.js';
import type { MiroRunOptions, RunOptions } from './run-options.js';

/** Stages only some runs need, loaded by those runs: the board's sync and the auth stage. */
const boardStage = () => import('../board/index.js');
const authStage = () => import('../auth/index.js');

export interface CliIO {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Where `schema-to-miro.config.json` is looked for; default the process's working folder. */
  cwd?: string;
  /** SIGINT/SIGTERM, in a real process: a sync stops cleanly (cancel.ts). */
  signals?: SignalSource;
  /** How the process exits at once (a second signal); default process.exit. */
  exit?: (code: number) => void;
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

export async function runMain(options: RunOptions, io: CliIO, cancel?: RunCancel): Promise<RunResult> {
  const progress = createProgress(io.stderr, { quiet: options.quiet || options.json });
  // Missing or invalid credentials are found before the slow part (loading, layout), not after it.
  const miro = options.miro === null ? null : { options: options.miro, ...(await miroConnection(options.miro, io.env)) };
  // The schema model (`.json`) is the whole model read, unfiltered: a run that writes only that and no board
  // never builds the diagram (for lago-api, a sixth of such a run's time).
  const needsDiagram = options.miro !== null || options.outputs.some((o) => o.format !== 'schema');
  // SQL files load in the embedded PostgreSQL's own thread: meanwhile this one warms the layout engine up.
  const drawn = options.miro !== null || options.outputs.some((o) => isDrawnFormat(o.format));
  const warming = drawn && (await isSmallSqlSource(options.source)) ? warmUpDrawing() : Promise.resolve();
  const { schema, database } = await loadSchema(
    options.source,
    { schemas: options.schemas, views: options.views, relations: { declared: options.relations, infer: options.inferRelations } },
    io.env,
    progress,
    // Even with --quiet: a skipped meta-command may leave the diagram incomplete.
    (message) => io.stderr.write(`schema-to-miro: warning: ${message}\n`),
  );
  const result: RunResult = { database, tables: schema.tables.length, outputs: [], sync: null, changeMark: null };

  result.unenforcedRelations = schema.relations ?? [];
  const drawOptions = drawOptionsOf(options, progress);
  const diagram = needsDiagram ? selectDiagram(schema, drawOptions) : undefined;
  if (diagram !== undefined) result.diagram = diagram;

  const modelOutputs = options.outputs.filter((o) => !isDrawnFormat(o.format));
  const drawnOutputs = options.outputs.filter((o) => isDrawnFormat(o.format));
  for (const output of modelOutputs) {
    await writeAll([output], () => documentContent(output.format, schema, diagram), progress);
    result.outputs.push(output.path);
  }
  if (diagram === undefined || (drawnOutputs.length === 0 && options.miro === null)) return result;

  await warming;
  const { layout, scene } = await drawDiagram(schema, diagram, drawOptions);
  for (const output of drawnOutputs) {
    await writeAll([output], () => drawnContent(output.format, scene, layout), progress);
    result.outputs.push(output.path);
  }

  if (miro !== null) {
    result.changeMark = await changeMarkOf(options, miro.options);
    const sync = (): Promise<SyncReport> => syncToMiro(scene, miro, result.changeMark!, progress, cancel?.signal);
    // Only a run that may write the board needs to stop cleanly; any other stops at once.
    result.sync = cancel !== undefined && !miro.options.dryRun && !miro.options.check ? await cancel.writing(sync) : await sync();
    if (!options.json) io.stdout.write(`${await formatRunText(result.sync, miro.options)}\n`);
  }
  return result;
}

/** The run's options as the pipeline reads them: typed values, with messages naming the flags. */
export function drawOptionsOf(options: RunOptions, progress?: Progress): DrawOptions {
  return {
    graph: {
      schemas: options.schemas,
      views: options.views,
      columns: options.columns,
      ...(options.maxColumns !== undefined ? { maxColumns: options.maxColumns } : {}),
      include: options.include,
      exclude: options.exclude,
      ...(options.focus !== undefined ? { focus: options.focus, depth: options.depth } : {}),
      ...(options.areas.length > 0 ? { areas: options.areas } : {}),
      optionName: flagName,
    },
    layout: { direction: options.direction, references: options.hubReferences },
    scene: { colors: options.colors },
    diagrams: options.diagrams,
    ...(progress !== undefined ? { progress } : {}),
  };
}

/**
 * Up to this much SQL, ELK's cold start is a third of a preview and worth warming up during the load; a
 * larger dump's load peaks higher in memory (lago-api's 400 KB: 287 MB, 327 MB with the warm-up beside it)
 * while its layout's own work dwarfs the warm-up.
 */
const WARM_UP_SQL_BYTES = 200_000;

async function isSmallSqlSource(source: RunOptions['source']): Promise<boolean> {
  if (source.kind !== 'sql') return false;
  try {
    const sizes = await Promise.all((await resolveSqlFiles(source.paths)).map(async (file) => (await stat(file)).size));
    return sizes.reduce((sum, size) => sum + size, 0) <= WARM_UP_SQL_BYTES;
  } catch {
    // A path that does not resolve is the load's to report.
    return false;
  }
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

async function formatRunText(report: SyncReport, miro: MiroRunOptions): Promise<string> {
  const { formatPlan, formatSyncReport } = await boardStage();
  if (miro.check) {
    const verdict = report.inSync
      ? `In sync: board ${report.boardUrl ?? report.boardId} shows the schema.`
      : `Out of sync: board ${report.boardUrl ?? report.boardId} needs ${plural(report.planned.calls, 'write')}.`;
    return `${formatPlan(report).replace(/\nDry run: nothing was written\.$/, '')}\n${verdict} Nothing was written (--check).`;
  }
  return miro.dryRun ? formatPlan(report) : formatSyncReport(report);
}

async function writeAll(outputs: OutputTarget[], content: () => Promise<string | Uint8Array>, progress: Progress): Promise<void> {
  for (const output of outputs) {
    await writeOutput(output.path, await content());
    progress.info(`wrote ${output.path}`);
  }
}

interface MiroConnection {
  options: MiroRunOptions;
  apiBaseUrl: string;
  credentials: CredentialProvider;
}

async function miroConnection(miro: MiroRunOptions, env: NodeJS.ProcessEnv): Promise<Omit<MiroConnection, 'options'>> {
  const { describeCredentials, NO_CREDENTIALS_MESSAGE, resolveCredentials, resolveMiroUrls } = await authStage();
  const { apiBaseUrl } = resolveMiroUrls(env);
  const credentials = await resolveCredentials({ ...(miro.token !== undefined ? { token: miro.token } : {}), env, apiBaseUrl });
  if (credentials === null) {
    throw new SchemaToMiroError('miro_auth', `${NO_CREDENTIALS_MESSAGE} (or write a local preview with --out erd.html)`);
  }
  // One cheap authenticated call: an invalid or expired token stops the run before the slow stages.
  await describeCredentials(credentials, apiBaseUrl);
  return { apiBaseUrl, credentials };
}

async function syncToMiro(
  scene: BoardScene,
  connection: MiroConnection,
  mark: string,
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<SyncReport> {
  const miro = connection.options;
  // The client (axios and its agents) is loaded only by a run that touches a board.
  const [{ MiroClient }, { syncBoard }] = await Promise.all([import('../miro/client.js'), boardStage()]);
  const client = new MiroClient({ baseUrl: connection.apiBaseUrl, credentials: connection.credentials });
  try {
    const step = progress.step(miro.dryRun || miro.check ? 'plan' : 'sync board');
    const report = await syncBoard(scene, client, {
      ...(miro.boardId !== undefined ? { boardId: miro.boardId } : {}),
      ...(miro.boardName !== undefined ? { boardName: miro.boardName } : {}),
      boardAccess: miro.boardAccess,
      ...(miro.teamId !== undefined ? { teamId: miro.teamId } : {}),
      prune: miro.prune,
      relayout: miro.relayout,
      dryRun: miro.dryRun,
      check: miro.check,
      mark,
      lock: { waitSeconds: miro.lockWaitSeconds },
      onProgress: (p) => step.update(p.done, p.total),
      ...(signal !== undefined ? { signal } : {}),
    });
    step.finish();
    return report;
  } finally {
    client.close();
  }
}
