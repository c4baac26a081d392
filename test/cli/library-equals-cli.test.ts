/**
 * One pipeline: the library API (`readSchema`, `drawSchema`, `syncBoard`) and the command line, given the
 * same settings (a config file with colours and named diagrams), draw the same board call for call, and
 * the same preview.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/run.js';
import { CONFIG_FILE_NAME } from '../../src/config/index.js';
import { ExitCode } from '../../src/exit-codes.js';
import { drawSchema, MiroClient, readSchema, renderSvg, StaticTokenProvider, syncBoard } from '../../src/index.js';
import { startMiroEmulator, type MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { fixture } from '../support/database.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';

const TOKEN = 'library-equals-cli-token';
const DIAGRAMS = [
  { name: 'Orders', focus: 'orders', depth: 1 },
  { name: 'Catalogue', tables: ['products', 'public.categories'] },
];
const COLORS = { public: '#336699' };
let emulator: MiroEmulator;
let proxy: RecordingProxy;
let work: string;

beforeAll(async () => {
  emulator = await startMiroEmulator();
  emulator.tokens.issue(TOKEN);
  proxy = await startRecordingProxy(emulator.url);
  work = await mkdtemp(join(tmpdir(), 's2m-library-cli-'));
  await writeFile(
    join(work, CONFIG_FILE_NAME),
    JSON.stringify({ sql: [fixture('shop.sql')], direction: 'down', maxColumns: 5, colors: COLORS, diagrams: DIAGRAMS }),
  );
});

afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
});

describe('the library and the CLI run one pipeline', () => {
  it('give the same Miro request bodies and the same preview for the same settings, named diagrams included', async () => {
    let stderr = '';
    const io: CliIO = {
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: { HOME: work, XDG_CONFIG_HOME: work, MIRO_ACCESS_TOKEN: TOKEN, MIRO_API_URL: proxy.url },
      cwd: work,
    };
    const svgPath = join(work, 'cli.svg');
    const code = await main(['node', 'schema-to-miro', '--board-name', 'Shop', '--change-label', 'v2', '--out', svgPath, '-q'], io);
    expect(code, stderr).toBe(ExitCode.ok);
    const fromCli = proxy.writes();
    proxy.reset();

    const schema = await readSchema({ kind: 'sql', paths: [fixture('shop.sql')] });
    const { scene } = await drawSchema(schema, {
      graph: { maxColumns: 5 },
      layout: { direction: 'down' },
      scene: { colors: COLORS },
      diagrams: DIAGRAMS,
    });
    const client = new MiroClient({ baseUrl: proxy.url, credentials: new StaticTokenProvider(TOKEN, 'MIRO_ACCESS_TOKEN') });
    try {
      await syncBoard(scene, client, { boardName: 'Shop', mark: 'changed in v2' });
    } finally {
      client.close();
    }
    const fromLibrary = proxy.writes();

    // The named diagrams are on the board: their frames are among the calls.
    for (const { name } of DIAGRAMS) expect(fromCli.some((call) => call.includes(`"title":"${name}`))).toBe(true);
    expect(fromCli.length).toBeGreaterThan(10);
    expect(fromLibrary).toEqual(fromCli);
    expect(renderSvg(scene)).toBe(await readFile(svgPath, 'utf8'));
  }, 120_000);
});
