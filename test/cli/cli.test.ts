/**
 * The command line as a user meets it: the README's first command, outputs, exit codes and one-line errors,
 * and a board kept current through the Miro emulator.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ExitCode } from '../../src/exit-codes.js';
import type { CliIO } from '../../src/cli/run.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import type { Layout } from '../../src/model/layout.js';
import { startMiroEmulator, type MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { fixture, freshDatabase, REPO_ROOT, type FreshDatabase } from '../support/database.js';

const execFileAsync = promisify(execFile);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    // A private config folder: no stored login of the developer's leaks into a test.
    env: {
      XDG_CONFIG_HOME: configHome,
      HOME: configHome,
      SCHEMA_TO_MIRO_CACHE_DIR: process.env.SCHEMA_TO_MIRO_CACHE_DIR,
      ...env,
    },
  };
  const code = await main(['node', 'schema-to-miro', ...args], io);
  return { code, stdout, stderr };
}

/** The error is one line, the last on stderr (progress lines of the steps that succeeded may come before it). */
function expectOneLineError(result: Run, code: number, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trimEnd().split('\n');
  const errors = lines.filter((line) => line.startsWith('schema-to-miro: '));
  expect(errors, result.stderr).toHaveLength(1);
  expect(lines.at(-1)).toBe(errors[0]);
  expect(errors[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

let configHome: string;
let work: string;

beforeAll(async () => {
  configHome = await mkdtemp(join(tmpdir(), 's2m-cli-home-'));
  work = await mkdtemp(join(tmpdir(), 's2m-cli-'));
});

describe('the preview from a fixture, with no server and no Miro account', () => {
  it('writes the model, the layout, the SVG and the HTML in one run, byte-stable across runs', async () => {
    const outs = ['schema.json', 'erd.layout.json', 'erd.svg', 'erd.html'].map((name) => join(work, name));
    const first = await run(['--sql', fixture('shop.sql'), ...outs.flatMap((o) => ['--out', o])]);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(ExitCode.ok);
    const contents = await Promise.all(outs.map((o) => readFile(o, 'utf8')));

    const model = JSON.parse(contents[0]!) as DatabaseSchema;
    expect(model.formatVersion).toBe(1);
    expect(model.tables.map((t) => t.name)).toContain('orders');
    const layout = JSON.parse(contents[1]!) as Layout;
    expect(layout.tables.map((t) => t.id).sort()).toEqual(model.tables.map((t) => `${t.schema}.${t.name}`).sort());
    expect(contents[2]).toMatch(/^<svg[\s>]/);
    expect(contents[3]).toMatch(/^<!DOCTYPE html>/i);
    expect(contents[3]).toContain('data-table-id="public.orders"');
    expect(first.stderr).toContain('wrote');
    // Without a terminal, each SQL file says when it starts loading (a stuck migration is then named).
    expect(first.stderr).toContain(`loading 1/1 ${fixture('shop.sql')}\n`);

    const second = await run(['--sql', fixture('shop.sql'), '--quiet', ...outs.flatMap((o) => ['--out', o])]);
    expect(second.code).toBe(ExitCode.ok);
    expect(second.stderr).toBe('');
    expect(await Promise.all(outs.map((o) => readFile(o, 'utf8')))).toEqual(contents);
  });
});

describe('the document outputs', () => {
  it('writes schema.md, erd.mmd, schema.dbml and erd.png in one run, the text ones byte-stable', async () => {
    const outs = ['docs/schema.md', 'erd.mmd', 'schema.dbml', 'erd.png'].map((name) => join(work, 'docs-run', name));
    const first = await run(['--sql', fixture('shop.sql'), '--quiet', ...outs.flatMap((o) => ['--out', o])]);
    expect(first.code, first.stderr).toBe(ExitCode.ok);
    const [markdown, mermaid, dbml] = await Promise.all(outs.slice(0, 3).map((o) => readFile(o, 'utf8')));
    expect(markdown).toMatch(/^# shop\n/);
    expect(markdown).toContain('### public.orders');
    expect(mermaid).toMatch(/^erDiagram\n/);
    expect(mermaid).toContain('customers ||--o{ orders : "customer_id"');
    expect(dbml).toContain('Table "public"."orders" {');
    const png = await readFile(outs[3]!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

    const second = await run(['--sql', fixture('shop.sql'), '--quiet', ...outs.flatMap((o) => ['--out', o])]);
    expect(second.code).toBe(ExitCode.ok);
    expect(await Promise.all(outs.slice(0, 3).map((o) => readFile(o, 'utf8')))).toEqual([markdown, mermaid, dbml]);
  });
});

describe('behaves like its peers', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await run([flag]);
      expect(result).toEqual({ code: ExitCode.ok, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('help, help <command> and --help show help; --help has examples, exit codes and the environment', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(ExitCode.ok);
    expect(help.stdout).toMatch(/^Usage: schema-to-miro \[options\] \[command\]/);
    for (const part of ['Examples:', 'schema-to-miro --sql fixtures/shop.sql --out erd.html', 'Exit codes:', ' 11  with --check', 'Environment:', 'MIRO_BOARD', 'HTTPS_PROXY']) {
      expect(help.stdout).toContain(part);
    }
    expect((await run(['help'])).stdout).toBe(help.stdout);
    const login = await run(['help', 'login']);
    expect(login.code).toBe(ExitCode.ok);
    expect(login.stdout).toMatch(/^Usage: schema-to-miro login \[options\]/);
    expect((await run(['whoami', '--help'])).stdout).toContain('--json');
  });

  it('a mistyped command is named as such, with the closest one', async () => {
    expectOneLineError(await run(['logn']), ExitCode.usage, /^schema-to-miro: unknown command "logn"; did you mean login\?/);
    expectOneLineError(await run(['frobnicate']), ExitCode.usage, /unknown command "frobnicate"; the commands are login, logout, whoami/);
  });
});

describe('bad input gets one clear line and its exit code', () => {
  it('no source at all is a usage error', async () => {
    expectOneLineError(await run(['--out', join(work, 'x.json')]), ExitCode.usage, /no schema source/);
  });

  it('an unknown flag is a usage error', async () => {
    const result = await run(['--colums', 'keys']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/^schema-to-miro: unknown option '--colums'/);
  });

  it('an output with no known format is a usage error', async () => {
    expectOneLineError(await run(['--sql', fixture('shop.sql'), '--out', 'erd.gif']), ExitCode.usage, /erd\.gif/);
  });

  it('a refused connection is a database error, and the password never shows', async () => {
    const result = await run(['--db', 'postgres://app:hunter2-secret@127.0.0.1:1/shop', '--out', join(work, 'x.json')]);
    expectOneLineError(result, ExitCode.database, /refused/);
    expect(result.stderr).not.toContain('hunter2-secret');
  });

  it('a flag error still writes the --json result and the --summary', async () => {
    const summary = join(work, 'flag-error.md');
    const result = await run(['--sql', fixture('shop.sql'), '--depth', 'two', '--json', '--summary', summary]);
    expect(result.code).toBe(ExitCode.usage);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'error', exitCode: 2, error: expect.stringMatching(/--depth/) });
    expect(await readFile(summary, 'utf8')).toMatch(/^### schema-to-miro: failed\n\nExit code 2: .*--depth/);
  });

  it('an SQL file that does not load names the file and the line', async () => {
    const broken = join(work, 'broken.sql');
    await writeFile(broken, 'CREATE TABLE a (id int PRIMARY KEY);\n\nCREATE TABLE b (id int REFERENCES nowhere(id));\n');
    expectOneLineError(await run(['--sql', broken, '--out', join(work, 'b.json')]), ExitCode.sql, /broken\.sql:3/);
  });

  it('is a real process exit code with no stack trace', async () => {
    const result = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), '--db', 'postgres://u:pw-secret-1@127.0.0.1:1/x', '--out', join(work, 'y.json')],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: configHome } },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(ExitCode.database);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('pw-secret-1');
  });
});

describe('against a live database and the Miro emulator', () => {
  let db: FreshDatabase;
  let emulator: MiroEmulator;
  const token = 'cli-test-token-7f3a9c';
  let miroEnv: NodeJS.ProcessEnv;
  let sourceArgs: string[];

  beforeAll(async () => {
    db = await freshDatabase('cli');
    await db.loadFile(fixture('shop.sql'));
    sourceArgs = db.kind === 'server' ? ['--db', db.url] : ['--sql', fixture('shop.sql')];
    emulator = await startMiroEmulator();
    emulator.tokens.issue(token);
    miroEnv = { MIRO_ACCESS_TOKEN: token, MIRO_API_URL: emulator.url };
  });

  afterAll(async () => {
    await emulator?.close();
    await db?.drop();
  });

  it('a --schema that does not exist is a database error naming it', async () => {
    expectOneLineError(
      await run([...sourceArgs, '--schema', 'nope', '--out', join(work, 'n.json')]),
      ExitCode.database,
      /schema "nope" does not exist/,
    );
  });

  it('a --focus table that does not exist is a usage error', async () => {
    expectOneLineError(await run([...sourceArgs, '--focus', 'ordres', '--out', join(work, 'f.svg')]), ExitCode.usage, /ordres/);
  });

  it('without credentials, says how to get them', async () => {
    expectOneLineError(await run([...sourceArgs, '--board-name', 'Shop']), ExitCode.miroAuth, /MIRO_ACCESS_TOKEN.*login/);
  });

  it('creates a board, then a re-run on the same schema writes nothing', async () => {
    const created = await run([...sourceArgs, '--board-name', 'Shop ERD', '--quiet'], miroEnv);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(ExitCode.ok);
    const boardId = /board\/([^/\s]+)\//.exec(created.stdout)?.[1];
    expect(boardId, created.stdout).toBeDefined();
    const board = emulator.boards.require(decodeURIComponent(boardId!));
    // 8 tables and the legend of the enum type order_status, and the circle the self-reference categories.parent_id loops through.
    expect(board.items().filter((i) => i.type === 'shape' && i.data.shape === 'rectangle')).toHaveLength(9);
    expect(board.items().filter((i) => i.type === 'shape' && String(i.data.content).startsWith('<p><strong>Enum types</strong>'))).toHaveLength(1);
    expect(board.items().filter((i) => i.type === 'shape' && i.data.shape === 'circle')).toHaveLength(1);
    // 10 foreign keys; categories.parent_id references its own table: two legs through its circle.
    expect(board.connectors()).toHaveLength(11);
    expect(created.stdout).not.toMatch(/not drawn/);

    const writesBefore = emulator.stats.writes;
    const again = await run([...sourceArgs, '--board', decodeURIComponent(boardId!), '--quiet'], miroEnv);
    expect(again.code).toBe(ExitCode.ok);
    expect(again.stdout).toMatch(/no writes/);
    expect(emulator.stats.writes).toBe(writesBefore);
  });

  it('an invalid token is a Miro auth error that never shows the token', async () => {
    const result = await run([...sourceArgs, '--board-name', 'x'], { ...miroEnv, MIRO_ACCESS_TOKEN: 'not-a-valid-token-123' });
    expectOneLineError(result, ExitCode.miroAuth, /Miro rejected the access token from MIRO_ACCESS_TOKEN/);
    expect(result.stderr).not.toContain('not-a-valid-token-123');
  });

  it('an invalid token and a board name over 60 characters stop the run before the load', async () => {
    // A load that would never end: only a check made before it lets these runs finish.
    const endless = join(work, 'endless.sql');
    await writeFile(endless, 'CREATE TABLE a (id int PRIMARY KEY);\nSELECT pg_sleep(100000);\n');
    const badToken = await run(['--sql', endless, '--board-name', 'x'], { ...miroEnv, MIRO_ACCESS_TOKEN: 'not-a-valid-token-456' });
    expectOneLineError(badToken, ExitCode.miroAuth, /Miro rejected the access token/);
    expect(badToken.stderr).not.toContain('loading');
    const longName = await run(['--sql', endless, '--board-name', 'n'.repeat(61)], miroEnv);
    expectOneLineError(longName, ExitCode.usage, /--board-name is 61 characters long; Miro allows at most 60/);
    expect(longName.stderr).not.toContain('loading');
  });

  it('a board that does not exist is a Miro error', async () => {
    expectOneLineError(await run([...sourceArgs, '--board', 'uXjVNoSuchBoard='], miroEnv), ExitCode.miro, /not found/);
  });
});
