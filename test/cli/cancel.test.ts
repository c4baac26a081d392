/**
 * Ctrl-C during a sync, as a user (or a CI cancel) does it: a real CLI process syncing a board on the Miro
 * emulator over real HTTP, slowed by the emulator's latency, gets SIGINT midway. It must exit 130, leave no
 * lock on the board, say what it left undone; a re-run must complete the board at once, with no duplicates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/database.js';
import { duplicatesOf, startHarness, TEST_TOKEN, viewBoard, type Harness } from '../sync/harness.js';

let harness: Harness;
let work: string;
let schemaFile: string;
const TABLES = 40;

beforeAll(async () => {
  harness = await startHarness();
  work = await mkdtemp(join(tmpdir(), 's2m-cancel-'));
  schemaFile = join(work, 'chain.sql');
  // A chain of tables, each referencing the one before and the first: enough writes to stop midway.
  const tables = Array.from({ length: TABLES }, (_, i) =>
    i === 0
      ? 'CREATE TABLE t0 (id int PRIMARY KEY);'
      : `CREATE TABLE t${i} (id int PRIMARY KEY, prev_id int REFERENCES t${i - 1}(id), root_id int REFERENCES t0(id));`,
  );
  await writeFile(schemaFile, `${tables.join('\n')}\n`);
});

afterAll(async () => {
  await harness?.close();
  await rm(work, { recursive: true, force: true });
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[]): { child: ChildProcess; done: Promise<Finished> } {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), ...args], {
    // tsx resolves from the repository; it has no config file that would change the run.
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      XDG_CONFIG_HOME: work,
      MIRO_ACCESS_TOKEN: TEST_TOKEN,
      MIRO_API_URL: harness.emulator.url,
      SCHEMA_TO_MIRO_CACHE_DIR: join(REPO_ROOT, 'node_modules/.cache/schema-to-miro'),
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
  return { child, done };
}

function lockTexts(boardId: string): number {
  return harness.emulator.boards
    .require(boardId)
    .items()
    .filter((item) => item.type === 'text' && String(item.data.content ?? '').includes('is updating this board')).length;
}

describe('a sync stopped by SIGINT', () => {
  it('exits 130, removes its lock, says what is left; a re-run completes the board with no duplicates', async () => {
    const boardId = (await harness.client().createBoard({ name: 'cancel test' })).id;
    harness.emulator.faults.setLatency(150);
    const writesBefore = harness.emulator.stats.writes;
    let signalledAt = -1;
    const { child, done } = cli(['--sql', schemaFile, '--board', boardId, '--lock-wait', '0']);
    // SIGINT once the board is being written: the lock is taken and some (not all) items are there.
    const poll = setInterval(() => {
      if (signalledAt < 0 && harness.emulator.stats.writes - writesBefore >= 12) {
        signalledAt = harness.emulator.stats.writes - writesBefore;
        child.kill('SIGINT');
      }
    }, 20);
    const stopped = await done;
    clearInterval(poll);
    harness.emulator.faults.setLatency(0);

    expect(signalledAt, stopped.stderr).toBeGreaterThan(0);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/stopping \(SIGINT\): no new board writes/);
    const last = stopped.stderr.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^schema-to-miro: cancelled \(SIGINT\): \d+ of \d+ board writes left undone on board .+; the board lock is removed; running the same command again completes the board$/);
    const [, left, total] = /(\d+) of (\d+) board writes/.exec(last)!;
    expect(Number(left)).toBeGreaterThan(0);
    expect(Number(left)).toBeLessThan(Number(total));
    expect(lockTexts(boardId)).toBe(0);
    // Half-drawn, and no lock: the re-run starts at once (--lock-wait 0 would fail on a lock) and completes it.
    expect(harness.emulator.boards.require(boardId).connectors().length).toBeLessThan(2 * (TABLES - 1));

    const again = await cli(['--sql', schemaFile, '--board', boardId, '--lock-wait', '0', '--quiet']).done;
    expect(again.code, again.stderr).toBe(0);
    const view = viewBoard(harness.emulator, boardId);
    expect(duplicatesOf(view)).toEqual([]);
    expect([...view.signed.keys()].filter((k) => k.startsWith('table:'))).toHaveLength(TABLES);
    expect(view.connectors).toBe(2 * (TABLES - 1));
    expect(lockTexts(boardId)).toBe(0);
  });
});
