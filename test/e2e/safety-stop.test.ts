/**
 * The safety stop end to end: the CLI as a subprocess (`node --import tsx src/cli/bin.ts`) against the Miro
 * emulator, on a board whose tables show our names but carry no readable signature and no header we can
 * read (an editor re-wrote them into plain paragraphs). A run would draw every table a second time; it
 * stops with exit 6, one line on stderr saying why, and writes nothing. In both text modes.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalMiroText } from '../../src/board/item-text.js';
import { ExitCode } from '../../src/exit-codes.js';
import { ENUM_LEGEND_HEADER } from '../../src/model/scene.js';
import { FIXTURES, REPO_ROOT } from '../support/database.js';
import { emulatorSession } from '../support/emulator-session.js';
import { storedText, TEXT_MODES } from '../sync/harness.js';

const TOKEN = 'e2e-safety-token-7c2e';
const SHOP = join(FIXTURES, 'shop.sql');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(TEXT_MODES)('the safety stop on a %s board', (textMode) => {
  const session = emulatorSession(textMode, TOKEN, 's2m-e2e-stop-');

  const cli = (args: string[]): Promise<Exit> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), ...args],
        { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: session.folder, XDG_CONFIG_HOME: session.folder, MIRO_API_URL: session.emulator.url, MIRO_ACCESS_TOKEN: TOKEN } },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
      );
    });

  it('exits 6 with one line saying why, and writes nothing, instead of drawing the tables twice', async () => {
    const first = await cli(['--sql', SHOP, '--board-name', 'Shop', '--json', '--quiet']);
    expect(first.code, first.stderr).toBe(ExitCode.ok);
    const boardId = (JSON.parse(first.stdout) as { board: { id: string } }).board.id;
    const board = session.emulator.boards.require(boardId);
    // The tables: shapes with a bold header (the enum legend aside).
    const shapes = board
      .items()
      .filter((item) => item.type === 'shape' && storedText(item).includes('<strong>') && !canonicalMiroText(storedText(item)).startsWith(ENUM_LEGEND_HEADER));
    expect(shapes.length).toBeGreaterThanOrEqual(3);
    // The editor's re-write: every table's lines as plain paragraphs, no signature, no bold header.
    for (const shape of shapes) {
      const plain = canonicalMiroText(storedText(shape))
        .split('\n')
        .map((line) => `<p>${line}</p>`)
        .join('');
      board.updateItem(shape.id, { data: { content: plain } }, 'user');
    }
    const items = board.items().length;
    const connectors = board.connectors().length;
    const writes = session.emulator.stats.writes;

    const stopped = await cli(['--sql', SHOP, '--board', boardId, '--quiet']);
    expect(stopped.code).toBe(ExitCode.miro);
    const lines = stopped.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^schema-to-miro: board ${escapeRegExp(boardId)} already shows ${shapes.length} of the ${shapes.length} tables this run would draw \\(.+\\) .*stopped instead of drawing them twice, nothing was written`),
    );
    expect(stopped.stdout).toBe('');
    expect(session.emulator.stats.writes).toBe(writes);
    expect(board.items()).toHaveLength(items);
    expect(board.connectors()).toHaveLength(connectors);

    // `--json` says the same, for a script.
    const json = await cli(['--sql', SHOP, '--board', boardId, '--json', '--quiet']);
    expect(json.code).toBe(ExitCode.miro);
    const outcome = JSON.parse(json.stdout) as { status: string; exitCode: number; error: string };
    expect(outcome).toMatchObject({ status: 'error', exitCode: ExitCode.miro });
    expect(outcome.error).toMatch(/stopped instead of drawing them twice/);
    expect(session.emulator.stats.writes).toBe(writes);
  }, 120_000);
});
