/**
 * `schema-to-miro doctor --board <id>`: reads the board back and reports what Miro did with our items
 * (src/board/doctor.ts). With a schema source (the same `--db`/`--sql` or config file as the sync) it
 * also compares the board with what this schema draws. It writes nothing, and prints no credential.
 */
import { NO_CREDENTIALS_MESSAGE, resolveCredentials, resolveMiroUrls } from '../../auth/index.js';
import { diagnoseBoard, formatDoctorReport } from '../../board/index.js';
import { SchemaToMiroError } from '../../errors.js';
import { MiroClient } from '../../miro/client.js';
import { parseBoardId } from '../../miro/board-id.js';
import type { BoardScene } from '../../model/scene.js';
import { drawDiagram, loadSchema, selectDiagram } from '../../pipeline.js';
import { optionalSourceOf, toRunOptions, type ConfigOnlyOptions, type RawFlags } from '../program.js';
import { createProgress } from '../progress.js';
import { drawOptionsOf, type CliIO } from '../run.js';

export async function runDoctor(flags: RawFlags, configOnly: ConfigOnlyOptions, io: CliIO): Promise<void> {
  if (flags.board === undefined) {
    throw new SchemaToMiroError('usage', 'doctor needs the board to read: give --board <id or URL> (or "board" in the config file)');
  }
  const boardId = parseBoardId(flags.board);
  const { apiBaseUrl } = resolveMiroUrls(io.env);
  const credentials = await resolveCredentials({ ...(flags.token !== undefined ? { token: flags.token } : {}), env: io.env, apiBaseUrl });
  if (credentials === null) throw new SchemaToMiroError('miro_auth', NO_CREDENTIALS_MESSAGE);

  const scene = optionalSourceOf(flags, io.env) === null ? undefined : await sceneOf(flags, configOnly, io);
  const client = new MiroClient({ baseUrl: apiBaseUrl, credentials });
  try {
    const report = await diagnoseBoard(client, boardId, scene === undefined ? {} : { scene });
    io.stdout.write(`${flags.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report)}\n`);
  } finally {
    client.close();
  }
}

/** The scene the sync would draw from these flags, to compare the board with. */
async function sceneOf(flags: RawFlags, configOnly: ConfigOnlyOptions, io: CliIO): Promise<BoardScene> {
  const options = toRunOptions(flags, io.env, configOnly);
  const progress = createProgress(io.stderr, { quiet: options.quiet || options.json });
  const { schema } = await loadSchema(options.source, { schemas: options.schemas, views: options.views }, io.env, progress);
  const drawOptions = drawOptionsOf(options, progress);
  return (await drawDiagram(schema, selectDiagram(schema, drawOptions), drawOptions)).scene;
}
