/**
 * `schema-to-miro doctor` on the command line, against the emulator in both text modes: it says which
 * storage it saw, writes nothing, prints no token, and needs a board.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './support/run-cli.js';
import { ExitCode } from '../../src/exit-codes.js';
import type { TextMode } from '../../scripts/miro-emulator/index.js';
import { emulatorSession } from '../support/emulator-session.js';
import { fixture } from '../support/database.js';

const TOKEN = 'doctor-cli-token-do-not-print';

describe.each(['verbatim', 'normalising'] as TextMode[])('doctor against a %s board', (textMode) => {
  const session = emulatorSession(textMode, TOKEN, 's2m-doctor-');

  const run = (args: string[]): Promise<CliRun> => runCli(args, { work: session.folder, token: TOKEN, apiUrl: session.emulator.url });

  it('reports what the board did with our items, and writes nothing', async () => {
    const sql = ['--sql', fixture('shop.sql')];
    const created = await run([...sql, '--board-name', 'Shop', '--json', '-q']);
    expect(created.code, created.stderr).toBe(ExitCode.ok);
    const boardId = (JSON.parse(created.stdout) as { board: { id: string } }).board.id;
    expect(session.emulator.boards.require(boardId).access).toBe('private');

    const writes = session.emulator.stats.writes;
    const doctor = await run(['doctor', '--board', boardId, ...sql, '-q']);
    expect(doctor.code, doctor.stderr).toBe(ExitCode.ok);
    expect(session.emulator.stats.writes).toBe(writes);
    expect(doctor.stdout).toContain(`schema-to-miro doctor: board ${boardId}`);
    expect(doctor.stdout).toContain(`Text storage: ${textMode}`);
    expect(doctor.stdout).toMatch(textMode === 'verbatim' ? /Signatures: kept on \d+, lost on 0/ : /Signatures: kept on 0, lost on \d+/);
    expect(doctor.stdout).toMatch(/Table texts: \d+ of 8 stored as written/);
    expect(doctor.stdout).toMatch(/Fonts as stored \(3 tables read\): family roboto_mono ×3; size 14 ×3/);
    expect(doctor.stdout).toMatch(/Connector attach points: 11 of 11 stored as relative positions, 9 of 9 exactly as we set them/);
    expect(doctor.stdout).toContain('Nothing was written.');
    expect(doctor.stdout + doctor.stderr).not.toContain(TOKEN);

    const json = await run(['doctor', '--board', boardId, ...sql, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ boardId, textStorage: textMode });
  });

  it('needs a board, and says so in one line', async () => {
    const result = await run(['doctor', '--sql', fixture('shop.sql')]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('doctor needs the board to read');
  });
});
