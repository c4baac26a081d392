/**
 * The main job, stage by stage: read the schema, build the diagram, lay it out, draw it to files and/or
 * keep a Miro board current. The stages know nothing of each other; this is the only place that joins them.
 */
import { NO_CREDENTIALS_MESSAGE, resolveCredentials, resolveMiroUrls } from '../auth/index.js';
import { SchemaToMiroError } from '../errors.js';
import { buildDiagram } from '../graph/index.js';
import { introspect } from '../introspect/index.js';
import { layoutDiagram } from '../layout/index.js';
import { MiroClient } from '../miro/client.js';
import type { BoardScene } from '../model/scene.js';
import type { DatabaseSchema } from '../model/schema.js';
import { buildScene, renderHtml, renderSvg } from '../render/index.js';
import { openSource } from '../source/index.js';
import { formatPlan, formatSyncReport, syncBoard } from '../sync/index.js';
import { toJson, writeOutput, type OutputTarget } from './outputs.js';
import { createProgress, type Progress, type ProgressStream } from './progress.js';
import type { MiroRunOptions, RunOptions } from './run-options.js';

export interface CliIO {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
}

export async function runMain(options: RunOptions, io: CliIO): Promise<void> {
  const progress = createProgress(io.stderr, { quiet: options.quiet });
  const schema = await loadSchema(options, io.env, progress);

  const diagram = buildDiagram(schema, {
    schemas: options.schemas,
    include: options.include,
    exclude: options.exclude,
    ...(options.focus !== undefined ? { focus: options.focus, depth: options.depth } : {}),
    views: options.views,
    columns: options.columns,
    ...(options.maxColumns !== undefined ? { maxColumns: options.maxColumns } : {}),
  });
  if (diagram.droppedRelations > 0) {
    progress.info(
      `${diagram.droppedRelations} relation${diagram.droppedRelations === 1 ? '' : 's'} to tables outside the filters left out`,
    );
  }

  const schemaOutputs = options.outputs.filter((o) => o.format === 'schema');
  const drawnOutputs = options.outputs.filter((o) => o.format !== 'schema');
  await writeAll(schemaOutputs, () => toJson(schema), progress);
  if (drawnOutputs.length === 0 && options.miro === null) return;

  const layoutStep = progress.step('layout');
  const layout = await layoutDiagram(diagram, { direction: options.direction });
  layoutStep.finish(`${layout.tables.length} tables, ${layout.relations.length} relations`);
  const scene = buildScene(diagram, layout);

  for (const output of drawnOutputs) {
    const content =
      output.format === 'layout' ? toJson(layout) : output.format === 'svg' ? renderSvg(scene) : renderHtml(scene);
    await writeAll([output], () => content, progress);
  }

  if (options.miro !== null) await syncToMiro(scene, options.miro, io, progress);
}

async function loadSchema(options: RunOptions, env: NodeJS.ProcessEnv, progress: Progress): Promise<DatabaseSchema> {
  const step = progress.step(options.source.kind === 'sql' ? 'load SQL into embedded PostgreSQL' : 'connect');
  const source = await openSource(options.source, env);
  try {
    step.finish(source.description);
    const read = progress.step('introspect');
    const schema = await introspect(source, { schemas: options.schemas, views: options.views });
    read.finish(`${schema.tables.length} tables in ${schema.schemas.length} schema${schema.schemas.length === 1 ? '' : 's'}`);
    return schema;
  } finally {
    await source.close();
  }
}

async function writeAll(outputs: OutputTarget[], content: () => string, progress: Progress): Promise<void> {
  for (const output of outputs) {
    await writeOutput(output.path, content());
    progress.info(`wrote ${output.path}`);
  }
}

async function syncToMiro(scene: BoardScene, miro: MiroRunOptions, io: CliIO, progress: Progress): Promise<void> {
  const { apiBaseUrl } = resolveMiroUrls(io.env);
  const credentials = await resolveCredentials({
    ...(miro.token !== undefined ? { token: miro.token } : {}),
    env: io.env,
    apiBaseUrl,
  });
  if (credentials === null) {
    throw new SchemaToMiroError('miro_auth', `${NO_CREDENTIALS_MESSAGE} (or write a local preview with --out erd.html)`);
  }
  const client = new MiroClient({ baseUrl: apiBaseUrl, credentials });
  try {
    const step = progress.step(miro.dryRun ? 'plan' : 'sync board');
    const report = await syncBoard(scene, client, {
      ...(miro.boardId !== undefined ? { boardId: miro.boardId } : {}),
      ...(miro.boardName !== undefined ? { boardName: miro.boardName } : {}),
      ...(miro.teamId !== undefined ? { teamId: miro.teamId } : {}),
      prune: miro.prune,
      relayout: miro.relayout,
      dryRun: miro.dryRun,
      onProgress: (p) => step.update(p.done, p.total),
    });
    step.finish();
    io.stdout.write(`${miro.dryRun ? formatPlan(report) : formatSyncReport(report)}\n`);
  } finally {
    client.close();
  }
}
