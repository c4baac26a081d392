/**
 * How the sync recognised the board's items, as `--json` (`identity`) and `--summary` report it: by
 * signature, by visible name (adopted), and an element two items show (one kept, the other named and left
 * alone). The CLI in process against the Miro emulator, in both text modes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { FIXTURES } from '../support/database.js';
import { emulatorSession } from '../support/emulator-session.js';
import { storedText, TEXT_MODES } from '../sync/harness.js';
import { runCli } from './support/run-cli.js';

const TOKEN = 'cli-identity-token-41de';
const SHOP = join(FIXTURES, 'shop.sql');

interface IdentityJson {
  bySignature: number;
  byVisibleName: number;
  adopted: string[];
  claimed: number;
  claims: { key: string; kept: string; reported: string[] }[];
}

describe.each(TEXT_MODES)('identity in --json and --summary on a %s board', (textMode) => {
  const session = emulatorSession(textMode, TOKEN, 's2m-identity-');

  const sync = async (args: string[]) => {
    const run = await runCli(['--sql', SHOP, '--json', '--quiet', ...args], { work: session.folder, token: TOKEN, apiUrl: session.emulator.url });
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    return JSON.parse(run.stdout) as { board: { id: string }; identity: IdentityJson };
  };

  it('counts items by signature and by visible name, names the adopted ones, and reports a claimed table', async () => {
    const created = await sync(['--board-name', 'Shop']);
    expect(created.identity).toEqual({ bySignature: 0, byVisibleName: 0, adopted: [], claimed: 0, claims: [] });
    const boardId = created.board.id;

    const again = await sync(['--board', boardId]);
    // 8 tables, the self-reference's circle, the enum legend and the title.
    const ours = 11;
    expect(again.identity.bySignature + again.identity.byVisibleName).toBe(ours);
    if (textMode === 'verbatim') expect(again.identity).toEqual({ bySignature: ours, byVisibleName: 0, adopted: [], claimed: 0, claims: [] });
    else {
      expect(again.identity.bySignature).toBe(0);
      expect(again.identity.adopted).toHaveLength(ours);
      expect(again.identity.adopted).toEqual(expect.arrayContaining(['table:public.customers', 'title', 'enums:', 'loop:public.categories.categories_parent_id_fkey']));
    }

    // A user pastes a copy of the customers table elsewhere: the table is shown twice.
    const board = session.emulator.boards.require(boardId);
    const original = board.items().find((i) => i.type === 'shape' && storedText(i).includes('>customers<'))!;
    const [copy] = board.createItems([
      { type: 'shape', data: { shape: 'rectangle', content: storedText(original) }, position: { x: original.position.x + 2000, y: original.position.y }, geometry: { ...original.geometry } },
    ], 'user');
    const summary = join(session.folder, `summary-${textMode}.md`);
    const claimed = await sync(['--board', boardId, '--summary', summary]);
    expect(claimed.identity.claimed).toBe(1);
    expect(claimed.identity.claims).toEqual([{ key: 'table:public.customers', kept: original.id, reported: [copy!.id] }]);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain(`\`table:public.customers\` is shown by 2 items: kept ${original.id}, left ${copy!.id} alone.`);
    if (textMode === 'normalising') expect(markdown).toMatch(/Recognised by visible name \(signature unreadable\): 11 items, 0 by signature: `[^`]+`/);
    else expect(markdown).not.toContain('Recognised by visible name');
  });
});
