/**
 * The config file: found in the working folder or named by --config, checked key by key, and overridden by
 * flags typed on the command line.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/cli/apply-config.js';
import { main } from '../../src/cli/main.js';
import { ExitCode } from '../../src/exit-codes.js';
import { addMainOptions, toRunOptions, type RawFlags } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/run.js';
import { CONFIG_FILE_NAME, loadProjectConfig, parseProjectConfig } from '../../src/config/index.js';
import { drawOptionsOf } from '../../src/cli/run.js';
import { isSchemaToMiroError } from '../../src/errors.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 's2m-config-'));
});

function usageMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isSchemaToMiroError(error) && error.kind === 'usage') return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

/** Parses argv with the real flag declarations, then merges `config` the way main.ts does. */
function optionsFor(argv: string[], config: unknown) {
  const program = addMainOptions(new Command()).exitOverride();
  program.parse(['node', 'x', ...argv]);
  const flags = program.opts<RawFlags>();
  const merged = applyConfig(flags, parseProjectConfig(config, 'test.json'), (flag) => program.getOptionValueSource(flag) === 'cli');
  return toRunOptions(merged.flags, {}, merged.configOnly);
}

describe('checking a config', () => {
  it('accepts every documented key', () => {
    const config = parseProjectConfig(
      {
        $schema: './schema.json',
        board: 'uXjVTest=',
        boardName: 'App',
        sql: ['migrations'],
        schemas: ['public'],
        include: ['public.*'],
        exclude: ['*_audit'],
        focus: 'orders',
        depth: 2,
        direction: 'down',
        columns: 'keys',
        maxColumns: 12,
        views: true,
        colors: { public: '#1f6feb', billing: '#a3f' },
        prune: false,
        lockWait: 30,
        diagrams: [{ name: 'Orders', focus: 'orders', depth: 1 }, { name: 'Auth', include: ['auth.*'] }, { name: 'Two', tables: ['a', 'b'] }],
      },
      'x.json',
    );
    expect(config.direction).toBe('down');
    expect(config.diagrams?.map((d) => d.name)).toEqual(['Orders', 'Auth', 'Two']);
    expect(Object.keys(config.colors ?? {})).toEqual(['billing', 'public']);
  });

  it.each([
    [{ boards: 'x' }, /x\.json: unknown key "boards" \(known keys: areas, board, boardAccess, boardName,/],
    [{ depth: '2' }, /"depth" must be a whole number of at least 0/],
    [{ views: 'yes' }, /"views" must be true or false/],
    [{ direction: 'left' }, /"direction" must be "right" or "down"/],
    [{ include: 'public.*' }, /"include" must be a list of strings/],
    [{ include: ['ok', 3] }, /"include\[1\]" must be a non-empty string/],
    [{ colors: { public: 'blue' } }, /"colors\.public" must be a colour like/],
    [{ diagrams: [{ name: 'A', focus: 'x', dept: 2 }] }, /unknown key "diagrams\[0\]\.dept" \(known keys of diagrams\[0\]:/],
    [{ diagrams: [{ name: 'A' }] }, /diagrams\[0\] \("A"\) selects nothing/],
    [{ diagrams: [{ focus: 'x' }] }, /diagrams\[0\]\.name is missing/],
    [{ diagrams: [{ name: 'A', tables: ['x'] }, { name: 'A', tables: ['y'] }] }, /diagrams\[1\]\.name "A" is used by an earlier diagram/],
    [[1, 2], /x\.json: expected a JSON object/],
    [{ db: 'postgres://u:pw-in-config@h/d' }, /^x\.json: "db": a database URL never goes in the config file .*--db, DATABASE_URL or the PG\* variables$/],
  ])('rejects %j naming the key', (value, message) => {
    expect(usageMessage(() => parseProjectConfig(value, 'x.json'))).toMatch(message);
    expect(usageMessage(() => parseProjectConfig(value, 'x.json'))).not.toContain('pw-in-config');
  });
});

describe('finding the config file', () => {
  it('reads schema-to-miro.config.json from the working folder and resolves sql paths from its folder', async () => {
    const folder = join(work, 'project');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, CONFIG_FILE_NAME), JSON.stringify({ board: 'uXjVAbc=', sql: ['db/migrations'] }));
    const loaded = await loadProjectConfig({ cwd: folder });
    expect(loaded?.config.sql).toEqual([join(folder, 'db/migrations')]);
  });

  it('without a file in the working folder there is no config; a missing --config file is an error', async () => {
    const empty = await mkdtemp(join(tmpdir(), 's2m-config-empty-'));
    expect(await loadProjectConfig({ cwd: empty })).toBeNull();
    await expect(loadProjectConfig({ cwd: empty, path: 'nope.json' })).rejects.toThrow(/cannot read config nope\.json: no such file/);
  });

  it('looks upwards from the working folder to the repository root, and no further', async () => {
    const outside = await mkdtemp(join(tmpdir(), 's2m-config-up-'));
    const repo = join(outside, 'repo');
    const deep = join(repo, 'services', 'api', 'db');
    await mkdir(deep, { recursive: true });
    await mkdir(join(repo, '.git'));
    // Above the repository: never read, whatever it says.
    await writeFile(join(outside, CONFIG_FILE_NAME), JSON.stringify({ board: 'uXjVOutside=' }));
    expect(await loadProjectConfig({ cwd: deep })).toBeNull();

    await writeFile(join(repo, CONFIG_FILE_NAME), JSON.stringify({ board: 'uXjVRoot=', sql: ['migrations'] }));
    const fromRoot = await loadProjectConfig({ cwd: deep });
    expect(fromRoot).toMatchObject({ path: join(repo, CONFIG_FILE_NAME), config: { board: 'uXjVRoot=', sql: [join(repo, 'migrations')] } });

    // The nearest file wins.
    await writeFile(join(repo, 'services', CONFIG_FILE_NAME), JSON.stringify({ board: 'uXjVServices=' }));
    expect((await loadProjectConfig({ cwd: deep }))?.config.board).toBe('uXjVServices=');
  });

  it('takes SCHEMA_TO_MIRO_CONFIG when --config is not given; it must exist', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's2m-config-env-'));
    const path = join(folder, 'ci.json');
    await writeFile(path, JSON.stringify({ board: 'uXjVFromEnv=' }));
    const env = { SCHEMA_TO_MIRO_CONFIG: path };
    expect((await loadProjectConfig({ cwd: work, env }))?.config.board).toBe('uXjVFromEnv=');
    expect((await loadProjectConfig({ cwd: work, env, path: join(work, 'broken.json') }).catch((e: Error) => e.message))).toMatch(/broken\.json/);
    await expect(loadProjectConfig({ cwd: work, env: { SCHEMA_TO_MIRO_CONFIG: 'missing.json' } })).rejects.toThrow(
      'cannot read config missing.json (SCHEMA_TO_MIRO_CONFIG): no such file',
    );
  });

  it('a file that is not JSON is a usage error naming the file', async () => {
    const path = join(work, 'broken.json');
    await writeFile(path, '{ "board": ');
    await expect(loadProjectConfig({ cwd: work, path })).rejects.toThrow(/broken\.json: not valid JSON/);
  });
});

describe('flags override the config', () => {
  const config = { board: 'uXjVFromConfig=', sql: ['/x/migrations'], direction: 'down', include: ['public.*'], views: true, prune: false, colors: { public: '#123456' } };

  it('takes the config where no flag was typed', () => {
    const options = optionsFor([], config);
    expect(options.miro?.boardId).toBe('uXjVFromConfig=');
    expect(options.source).toEqual({ kind: 'sql', paths: ['/x/migrations'] });
    expect(options.direction).toBe('down');
    expect(options.include).toEqual(['public.*']);
    expect(options.views).toBe(true);
    expect(options.miro?.prune).toBe(false);
    expect(options.colors).toEqual({ public: '#123456' });
  });

  it('a typed flag wins, a repeatable flag replaces the list, and --db replaces the config sql', () => {
    const options = optionsFor(['--board', 'uXjVFromFlag=', '--direction', 'right', '--include', 'app.*', '--db', 'postgres://h/db'], config);
    expect(options.miro?.boardId).toBe('uXjVFromFlag=');
    expect(options.direction).toBe('right');
    expect(options.include).toEqual(['app.*']);
    expect(options.source).toEqual({ kind: 'database', url: 'postgres://h/db' });
  });

  it('--check needs a board', () => {
    expect(usageMessage(() => optionsFor(['--sql', 'x.sql', '--check'], {}))).toMatch(/--check needs the board/);
  });
});

describe('through the command line', () => {
  async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: { HOME: work, XDG_CONFIG_HOME: work },
      cwd,
    };
    return { code: await main(['node', 'schema-to-miro', ...args], io), stdout, stderr };
  }

  it('a bad key in the working folder config is one usage line naming the key and the file', async () => {
    const folder = join(work, 'bad');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, CONFIG_FILE_NAME), JSON.stringify({ sql: ['x.sql'], maxColumns: 0 }));
    const result = await run(['--out', join(folder, 'x.svg')], folder);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr.trim()).toMatch(/^schema-to-miro: .*schema-to-miro\.config\.json: "maxColumns" must be a whole number of at least 1$/);
  });
});

describe('the documentation and examples stay true', () => {
  it('README documents every config key, and the example config is valid', async () => {
    const { readFile } = await import('node:fs/promises');
    const { CONFIG_KEYS } = await import('../../src/config/index.js');
    const root = join(import.meta.dirname, '..', '..');
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration file'), readme.indexOf('## CI'));
    for (const key of CONFIG_KEYS) expect(section, key).toContain(`\`${key}\``);
    const example = await loadProjectConfig({ cwd: root, path: 'examples/schema-to-miro.config.json' });
    expect(example?.config.diagrams?.length).toBeGreaterThan(0);
  });

  it('README lists every exit code', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('## Tests'));
    for (const code of Object.values(ExitCode)) expect(table, String(code)).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});

describe('config areas and hubReferences', () => {
  it('accepts named areas with include globs and checks them', () => {
    const validateConfig = parseProjectConfig;
    expect(validateConfig({ areas: [{ name: 'Billing', include: ['invoice*', 'fees'] }], hubReferences: false }, 'x.json')).toEqual({
      areas: [{ name: 'Billing', include: ['invoice*', 'fees'] }],
      hubReferences: false,
    });
    expect(() => validateConfig({ areas: [{ name: 'Billing' }] }, 'x.json')).toThrow(/areas\[0\] \("Billing"\) selects nothing/);
    expect(() => validateConfig({ areas: [{ name: 'A', include: ['a'] }, { name: 'A', include: ['b'] }] }, 'x.json')).toThrow(/used by an earlier area/);
    expect(() => validateConfig({ areas: [{ name: 'A', include: ['a'], tables: ['x'] }] }, 'x.json')).toThrow(/unknown key "areas\[0\]\.tables"/);
  });
});

describe('areas and hub references reach the pipeline', () => {
  it('passes config areas to the graph stage and --no-hub-references (or hubReferences: false) to layout', () => {
    const areas = [{ name: 'Billing', include: ['invoice*'] }];
    const fromConfig = drawOptionsOf(optionsFor(['--sql', 'x.sql', '--out', 'x.svg'], { areas, hubReferences: false }));
    expect(fromConfig.graph?.areas).toEqual(areas);
    expect(fromConfig.layout?.references).toBe(false);
    const byDefault = drawOptionsOf(optionsFor(['--sql', 'x.sql', '--out', 'x.svg'], {}));
    expect(byDefault.graph?.areas).toBeUndefined();
    expect(byDefault.layout?.references).toBe(true);
    expect(drawOptionsOf(optionsFor(['--sql', 'x.sql', '--out', 'x.svg', '--no-hub-references'], {})).layout?.references).toBe(false);
  });
});
