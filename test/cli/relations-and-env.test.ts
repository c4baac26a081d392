/**
 * The command line's relations without constraints and its environment: `--infer-relations` and config
 * `relations` reach the model, `--json` and the drawing; a bad declared relation is one usage line;
 * `MIRO_BOARD` gives the board, below `--board` and above the config file.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/run.js';
import { CONFIG_FILE_NAME } from '../../src/config/index.js';
import { ExitCode } from '../../src/exit-codes.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { startMiroEmulator, type MiroEmulator } from '../../scripts/miro-emulator/index.js';

const TOKEN = 'relations-and-env-token';
const SQL = `
CREATE TABLE companies (id bigint PRIMARY KEY, name text);
CREATE TABLE people (id bigint PRIMARY KEY, company_id bigint, name text);
CREATE TABLE posts (id bigint PRIMARY KEY, person_id bigint NOT NULL, author_ref bigint, commentable_type text, commentable_id bigint);
`;
let emulator: MiroEmulator;
let work: string;
let sqlFile: string;

async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = work): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { HOME: work, XDG_CONFIG_HOME: work, SCHEMA_TO_MIRO_CACHE_DIR: process.env.SCHEMA_TO_MIRO_CACHE_DIR, ...env },
    cwd,
  };
  return { code: await main(['node', 'schema-to-miro', ...args], io), stdout, stderr };
}

beforeAll(async () => {
  emulator = await startMiroEmulator();
  emulator.tokens.issue(TOKEN);
  work = await mkdtemp(join(tmpdir(), 's2m-relations-cli-'));
  sqlFile = join(work, 'app.sql');
  await writeFile(sqlFile, SQL);
});

afterAll(async () => {
  await emulator.close();
});

describe('relations that are not constraints, from the command line', () => {
  it('--infer-relations lists each inferred relation in --json and puts them in the model', async () => {
    const model = join(work, 'inferred.json');
    const result = await run(['--sql', sqlFile, '--infer-relations', '--json', '--out', model, '--out', join(work, 'erd.mmd')]);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    expect((JSON.parse(result.stdout) as { relations: unknown }).relations).toEqual([
      { kind: 'inferred', from: 'public.people(company_id)', to: 'public.companies(id)' },
      { kind: 'inferred', from: 'public.posts(person_id)', to: 'public.people(id)' },
    ]);
    const schema = JSON.parse(await readFile(model, 'utf8')) as DatabaseSchema;
    expect(schema.relations?.map((r) => r.id)).toEqual([
      'inferred:public.people(company_id)->public.companies(id)',
      'inferred:public.posts(person_id)->public.people(id)',
    ]);
    expect(await readFile(join(work, 'erd.mmd'), 'utf8')).toContain('people ||..o{ posts : "person_id (inferred, not enforced)"');
    const plain = await run(['--sql', sqlFile, '--json', '--out', join(work, 'plain.json')]);
    expect((JSON.parse(plain.stdout) as { relations: unknown }).relations).toEqual([]);
  });

  it('config relations are declared relations; inferRelations in the config infers', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's2m-relations-config-'));
    await writeFile(
      join(folder, CONFIG_FILE_NAME),
      JSON.stringify({ sql: [sqlFile], inferRelations: true, relations: [{ from: 'posts(author_ref)', to: 'public.people(id)' }] }),
    );
    const result = await run(['--json', '--out', join(folder, 'schema.md')], {}, folder);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    const relations = (JSON.parse(result.stdout) as { relations: { kind: string; from: string }[] }).relations;
    expect(relations.map((r) => `${r.kind} ${r.from}`)).toEqual([
      'declared public.posts(author_ref)',
      'inferred public.people(company_id)',
      'inferred public.posts(person_id)',
    ]);
    expect(await readFile(join(folder, 'schema.md'), 'utf8')).toContain('*declared, not enforced*');
  });

  it('a declared relation naming nothing is one usage line', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's2m-relations-bad-'));
    await writeFile(join(folder, CONFIG_FILE_NAME), JSON.stringify({ sql: [sqlFile], relations: [{ from: 'posts(nope)', to: 'people(id)' }] }));
    const result = await run(['--out', join(folder, 'x.json')], {}, folder);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('schema-to-miro: config relations[0].from: table public.posts has no column "nope"');

    await writeFile(join(folder, CONFIG_FILE_NAME), JSON.stringify({ sql: [sqlFile], relations: [{ from: 'posts(author_ref)' }] }));
    const missing = await run(['--out', join(folder, 'x.json')], {}, folder);
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toContain('relations[0] needs both "from" and "to"');
  });
});

describe('MIRO_BOARD', () => {
  const miro = () => ({ MIRO_ACCESS_TOKEN: TOKEN, MIRO_API_URL: emulator.url });

  it('gives the board when --board is not given, and --board wins over it', async () => {
    const board = emulator.boards.create({ name: 'From env', teamId: 'team-1', ownerId: 'user-1' });
    const fromEnv = await run(['--sql', sqlFile, '--quiet', '--json'], { ...miro(), MIRO_BOARD: board.id });
    expect(fromEnv.code, fromEnv.stderr).toBe(ExitCode.ok);
    expect((JSON.parse(fromEnv.stdout) as { board: { id: string; created: boolean } }).board).toMatchObject({ id: board.id, created: false });

    const flagWins = await run(['--sql', sqlFile, '--quiet', '--board', 'uXjVNoSuchBoard='], { ...miro(), MIRO_BOARD: board.id });
    expect(flagWins.code).toBe(ExitCode.miro);
    expect(flagWins.stderr).toMatch(/not found/);
  });

  it('wins over the config file', async () => {
    const board = emulator.boards.create({ name: 'Env over config', teamId: 'team-1', ownerId: 'user-1' });
    const folder = await mkdtemp(join(tmpdir(), 's2m-board-env-'));
    await writeFile(join(folder, CONFIG_FILE_NAME), JSON.stringify({ sql: [sqlFile], board: 'uXjVConfigBoard=' }));
    const result = await run(['--quiet', '--json'], { ...miro(), MIRO_BOARD: board.id }, folder);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    expect((JSON.parse(result.stdout) as { board: { id: string } }).board.id).toBe(board.id);
  });
});
