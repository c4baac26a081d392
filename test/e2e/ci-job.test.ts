/**
 * The CI job end to end: the CLI as a subprocess (`node --import tsx src/cli/bin.ts`), a migrations folder
 * applied step by step (1, then 1+2, then 1+2+3, which drops tables), one board in the Miro emulator kept
 * current across the steps. Asserts the board, the exit codes, `--json`, `--summary` and `--check` after each.
 *
 * A live PostgreSQL is used when the harness finds one (migrations applied to it, read with --db), else
 * the migrations are read with --sql from a folder holding the first k files.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { readSignature } from '../../src/board/signature.js';
import { MARK_COLOR, markOnBoard } from '../../src/board/marks.js';
import { DEFAULT_TEAM_ID, DEFAULT_USER_ID, startMiroEmulator, type MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { freshDatabase, REPO_ROOT, type FreshDatabase } from '../support/database.js';
import { duplicatesOf, sentText, viewBoard } from '../sync/harness.js';

const MIGRATIONS = join(REPO_ROOT, 'fixtures', 'migrations-e2e');
const TOKEN = 'e2e-ci-token-5b1d';

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

interface JsonResult {
  status: string;
  exitCode: number;
  board: { id: string; url: string; created: boolean; inSync: boolean } | null;
  changes: Record<string, string[]> | null;
  changeMark: string | null;
  history: { action: 'create' | 'update'; entries: number; added: boolean } | null;
  api: { calls: number; writeCalls: number } | null;
  writes: Record<'creates' | 'updates' | 'deletes', Record<string, number>> | null;
}

let emulator: MiroEmulator;
let db: FreshDatabase;
let home: string;
let work: string;
let migrationFiles: string[];

function cli(args: string[]): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), ...args],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          XDG_CONFIG_HOME: home,
          MIRO_API_URL: emulator.url,
          MIRO_ACCESS_TOKEN: TOKEN,
        },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The schema after migrations 1..step: applied to the live database, or copied into a folder for --sql. */
async function sourceAfter(step: number): Promise<string[]> {
  const file = migrationFiles[step - 1]!;
  if (db.kind === 'server') {
    await db.loadFile(join(MIGRATIONS, file));
    return ['--db', db.url, '--change-label', file];
  }
  const folder = join(work, `step-${step}`);
  await mkdir(folder, { recursive: true });
  for (const name of migrationFiles.slice(0, step)) await copyFile(join(MIGRATIONS, name), join(folder, name));
  return ['--sql', folder];
}

function parseJson(exit: Exit): JsonResult {
  expect(exit.stderr, 'stderr with --json and --quiet').not.toMatch(/^schema-to-miro: /m);
  return JSON.parse(exit.stdout) as JsonResult;
}

/** Table id -> its change mark, for the tables that carry one. */
function marksOn(boardId: string): Record<string, string> {
  const marks: Record<string, string> = {};
  for (const item of emulator.boards.require(boardId).items()) {
    const content = typeof item.data.content === 'string' ? item.data.content : '';
    const signature = readSignature(sentText(item));
    const mark = markOnBoard(content);
    if (signature?.kind === 'table' && mark !== null) marks[signature.tableId] = mark;
  }
  return marks;
}

/** The relations drawn in the mark colour, as `from -> to` of signature keys. */
function markedLines(boardId: string): string[] {
  const board = emulator.boards.require(boardId);
  const keyOf = new Map<string, string>();
  for (const item of board.items()) {
    const signature = readSignature(sentText(item));
    if (signature?.kind === 'table') keyOf.set(item.id, `table:${signature.tableId}`);
  }
  return board
    .connectors()
    .filter((c) => c.style.strokeColor === MARK_COLOR)
    .map((c) => `${keyOf.get(c.startItem.id)} -> ${keyOf.get(c.endItem.id)}`)
    .sort();
}

function tablesOn(boardId: string): string[] {
  return [...viewBoard(emulator, boardId).signed.keys()].filter((k) => k.startsWith('table:')).sort();
}

beforeAll(async () => {
  emulator = await startMiroEmulator();
  emulator.tokens.issue(TOKEN);
  db = await freshDatabase('e2e_ci');
  home = await mkdtemp(join(tmpdir(), 's2m-e2e-home-'));
  work = await mkdtemp(join(tmpdir(), 's2m-e2e-'));
  migrationFiles = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql')).sort();
  expect(migrationFiles).toHaveLength(3);
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await db?.drop();
  if (work) await rm(work, { recursive: true, force: true });
  if (home) await rm(home, { recursive: true, force: true });
});

describe('a CI job keeping one board current through three migrations', () => {
  let boardId = '';
  let source: string[] = [];
  const summaryFile = (): string => join(work, 'summary.md');

  it('step 1: creates the board (exit 10 with --exit-code), with a JSON result and a Markdown summary', async () => {
    source = await sourceAfter(1);
    const exit = await cli([...source, '--board-name', 'Library ERD', '--json', '--quiet', '--exit-code', '--summary', summaryFile()]);
    expect(exit.code, exit.stderr).toBe(ExitCode.changed);
    const result = parseJson(exit);
    expect(result.status).toBe('changed');
    expect(result.board?.created).toBe(true);
    expect(result.changes?.tablesAdded).toEqual(['public.authors']);
    expect(result.history).toEqual({ action: 'create', entries: 1, added: true });
    boardId = result.board!.id;
    expect(tablesOn(boardId)).toEqual(['table:public.authors']);
    const summary = await readFile(summaryFile(), 'utf8');
    expect(summary).toMatch(/^### schema-to-miro: board updated/);
    expect(summary).toContain('| tables added | 1 | `public.authors` |');
    expect(summary).toContain(result.board!.url);
    expect(summary).toMatch(/API calls: \d+ \(\d+ writes\)/);
  });

  it('a pull-request --check before migration 2 is applied to the board: exit 11, nothing written', async () => {
    source = await sourceAfter(2);
    const writes = emulator.stats.writes;
    const exit = await cli([...source, '--board', boardId, '--check']);
    expect(exit.code, exit.stderr).toBe(ExitCode.outOfSync);
    expect(exit.stdout).toMatch(/Out of sync/);
    expect(exit.stdout).toMatch(/tables added \(3\): public\.book_tags, public\.books, public\.tags/);
    expect(emulator.stats.writes).toBe(writes);
    expect(tablesOn(boardId)).toEqual(['table:public.authors']);
  });

  it('step 2: adds three tables and three relations; without --exit-code a change still exits 0', async () => {
    const exit = await cli([...source, '--board', boardId, '--quiet', '--summary', summaryFile()]);
    expect(exit.code, exit.stderr).toBe(ExitCode.ok);
    expect(exit.stdout).toMatch(/tables added \(3\)/);
    expect(tablesOn(boardId)).toEqual(['table:public.authors', 'table:public.book_tags', 'table:public.books', 'table:public.tags']);
    const view = viewBoard(emulator, boardId);
    expect(view.links).toEqual([
      'table:public.book_tags -> table:public.books',
      'table:public.book_tags -> table:public.tags',
      'table:public.books -> table:public.authors',
    ]);
    expect(duplicatesOf(view)).toEqual([]);
    const summary = await readFile(summaryFile(), 'utf8');
    // Appended, like $GITHUB_STEP_SUMMARY: both runs' parts are there.
    expect(summary.match(/^### schema-to-miro/gm)).toHaveLength(2);
    expect(summary).toContain('| relations added | 3 |');
    expect(markedLines(boardId)).toEqual(view.links);
    expect(marksOn(boardId)).toEqual({
      'public.book_tags': 'changed in 2_books_and_tags.sql',
      'public.books': 'changed in 2_books_and_tags.sql',
      'public.tags': 'changed in 2_books_and_tags.sql',
    });
  });

  it('a re-run with nothing new: --check passes, the next sync clears the marks, the one after writes nothing', async () => {
    const check = await cli([...source, '--board', boardId, '--check', '--json']);
    expect(check.code, check.stderr).toBe(ExitCode.ok);
    expect(parseJson(check).status).toBe('in_sync');

    const clearing = await cli([...source, '--board', boardId, '--json', '--exit-code']);
    expect(clearing.code, clearing.stderr).toBe(ExitCode.ok);
    const cleared = parseJson(clearing);
    expect(cleared.status).toBe('unchanged');
    // One update per marked table and relation, plus the board lock's text written and deleted.
    expect(cleared.writes?.updates).toMatchObject({ tables: 3, relations: 3 });
    expect(cleared.writes?.creates).toMatchObject({ tables: 0, relations: 0 });
    expect(cleared.api?.writeCalls).toBe(3 + 3 + 2);
    expect(markedLines(boardId)).toEqual([]);
    expect(marksOn(boardId)).toEqual({});

    const again = await cli([...source, '--board', boardId, '--json', '--exit-code']);
    expect(again.code, again.stderr).toBe(ExitCode.ok);
    expect(parseJson(again).api?.writeCalls).toBe(0);
    expect(parseJson(again).history).toBeNull();
  });

  it('step 3: drops two tables and changes one (marked), exit 10 with --exit-code; --check then passes', async () => {
    source = await sourceAfter(3);
    const exit = await cli([...source, '--board', boardId, '--json', '--exit-code', '--summary', summaryFile()]);
    expect(exit.code, exit.stderr).toBe(ExitCode.changed);
    const result = parseJson(exit);
    expect(result.changes?.tablesRemoved).toEqual(['public.book_tags', 'public.tags']);
    expect(result.changes?.tablesChanged).toEqual(['public.books']);
    expect(result.changeMark).toBe('changed in 3_drop_tags.sql');
    // Steps 1, 2 and 3 each added an entry.
    expect(result.history).toEqual({ action: 'update', entries: 3, added: true });
    expect(tablesOn(boardId)).toEqual(['table:public.authors', 'table:public.books']);
    const view = viewBoard(emulator, boardId);
    expect(view.links).toEqual(['table:public.books -> table:public.authors']);
    expect(duplicatesOf(view)).toEqual([]);
    expect(await readFile(summaryFile(), 'utf8')).toContain('| tables removed | 2 | `public.book_tags`, `public.tags` |');
    expect(marksOn(boardId)).toEqual({ 'public.books': 'changed in 3_drop_tags.sql' });

    const check = await cli([...source, '--board', boardId, '--check']);
    expect(check.code, check.stdout).toBe(ExitCode.ok);
  });

  it('two jobs on one board at once: one waits for the other, both succeed, nothing is doubled', async () => {
    const board = emulator.boards.create({ name: 'Two jobs', teamId: DEFAULT_TEAM_ID, ownerId: DEFAULT_USER_ID });
    const [a, b] = await Promise.all([
      cli([...source, '--board', board.id, '--json', '--lock-wait', '60']),
      cli([...source, '--board', board.id, '--json', '--lock-wait', '60']),
    ]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([ExitCode.ok, ExitCode.ok]);
    const added = [parseJson(a), parseJson(b)].map((r) => r.changes?.tablesAdded?.length).sort();
    // Whichever ran second found the board drawn (when both planned before either wrote, it re-read under the lock).
    expect(added).toEqual([0, 2]);
    const view = viewBoard(emulator, board.id);
    expect(duplicatesOf(view)).toEqual([]);
    expect(tablesOn(board.id)).toEqual(['table:public.authors', 'table:public.books']);
    expect(view.unsigned).toBe(0); // no lock text left behind
  });

  it('failures keep their exit codes and reach the summary: a missing board, a bad config', async () => {
    const failures = join(work, 'failures.md');
    const missing = await cli([...source, '--board', 'uXjVNoSuchBoard=', '--summary', failures]);
    expect(missing.code).toBe(ExitCode.miro);
    expect(missing.stderr.trim().split('\n').at(-1)).toMatch(/^schema-to-miro: .*not found/);

    const config = join(work, 'bad.config.json');
    await writeFile(config, JSON.stringify({ board: boardId, direction: 'sideways' }));
    const bad = await cli([...source, '--config', config, '--json']);
    expect(bad.code).toBe(ExitCode.usage);
    const json = JSON.parse(bad.stdout) as { status: string; error: string };
    expect(json.status).toBe('error');
    expect(json.error).toMatch(/"direction" must be "right" or "down"/);

    const summary = await readFile(failures, 'utf8');
    expect(summary).toMatch(/^### schema-to-miro: failed\n\nExit code 6: /);
  });
});
