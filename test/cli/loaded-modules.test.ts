/**
 * The module graph stays honest: each heavy part is loaded only on the path that uses it. Every case starts
 * the CLI as a real process with a module hook (test/support/record-loaded-modules.mjs) that records each
 * module it loads, so a new top-level import of one of these packages anywhere on a path fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/database.js';

const execFileAsync = promisify(execFile);

/** The heavy parts and what needs them: none is needed to print help or the version. */
const HEAVY: readonly { name: string; matches: (pkg: string) => boolean }[] = [
  { name: 'axios (the Miro client)', matches: (pkg) => pkg === 'axios' },
  { name: 'PGlite (--sql)', matches: (pkg) => pkg === '@electric-sql/pglite' },
  { name: 'elkjs (layout)', matches: (pkg) => pkg === 'elkjs' },
  { name: 'graphology (diagram)', matches: (pkg) => pkg === 'graphology' || pkg.startsWith('graphology-') },
  { name: 'pg (--db)', matches: (pkg) => pkg === 'pg' },
  { name: 'kysely (introspection)', matches: (pkg) => pkg === 'kysely' },
  { name: 'the service framework (serve)', matches: (pkg) => pkg === 'fastify' || pkg.startsWith('@fastify/') },
  { name: 'pg-boss (serve)', matches: (pkg) => pkg === 'pg-boss' },
  { name: 'resvg (PNG)', matches: (pkg) => pkg.startsWith('@resvg/') },
];

/** Our own stages that only some paths need. */
const STAGES = ['layout', 'scene', 'render', 'docs', 'board', 'auth', 'miro', 'serve'] as const;
/** Small files of those stages that the flags themselves need: help's login timeout, `--board`'s parser, limits. */
const NEEDED_BY_FLAGS = ['/src/auth/login-timeout.ts', '/src/miro/board-id.ts', '/src/miro/limits.ts'];

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 's2m-loaded-modules-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The npm package a loaded file belongs to (the last node_modules segment), or null for our own code. */
function packageOf(location: string): string | null {
  const parts = location.split('/node_modules/');
  if (parts.length < 2) return null;
  const [first = '', second = ''] = (parts.at(-1) ?? '').split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Runs the CLI (the sources, as the other CLI tests do), or another entry, and returns its exit code and the packages it loaded. */
async function loadedBy(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  entry = join(REPO_ROOT, 'src/cli/bin.ts'),
): Promise<{ code: number; stderr: string; packages: Set<string>; files: string[] }> {
  const record = join(work, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const { code, stderr } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', '--import', join(REPO_ROOT, 'test/support/record-loaded-modules.mjs'), entry, ...args],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: work,
        XDG_CONFIG_HOME: work,
        SCHEMA_TO_MIRO_CACHE_DIR: process.env.SCHEMA_TO_MIRO_CACHE_DIR ?? join(REPO_ROOT, 'node_modules/.cache/schema-to-miro'),
        RECORD_LOADED_MODULES: record,
        ...env,
      },
    },
  ).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
  const files = (await readFile(record, 'utf8')).split('\n').filter(Boolean);
  const packages = new Set(files.map(packageOf).filter((pkg): pkg is string => pkg !== null));
  return { code, stderr, packages, files };
}

function heavyIn(packages: Set<string>): string[] {
  return HEAVY.filter((part) => [...packages].some(part.matches)).map((part) => part.name);
}

describe('the modules a command loads', () => {
  it('--help loads none of the heavy parts (and the recording sees what it does load)', async () => {
    const { code, packages, files } = await loadedBy(['--help']);
    expect(code).toBe(0);
    expect(heavyIn(packages)).toEqual([]);
    // The recording works: the argument parser and our own entry point are in it.
    expect(packages.has('commander')).toBe(true);
    expect(files.some((file) => file.endsWith('/src/cli/main.ts'))).toBe(true);
    expect(stagesIn(files)).toEqual([]);
  });

  it('--version loads none of the heavy parts', async () => {
    const { code, packages, files } = await loadedBy(['--version']);
    expect(code).toBe(0);
    expect(heavyIn(packages)).toEqual([]);
    expect(stagesIn(files)).toEqual([]);
  });

  it('a --db run to JSON loads pg and the introspection, not PGlite, the layout, the drawers or the Miro client', async () => {
    // Nothing listens on port 1: the run fails at connecting, after loading what a --db run loads.
    const { code, packages, files } = await loadedBy(['--db', 'postgresql://nobody@127.0.0.1:1/x', '--out', join(work, 'db.json')]);
    expect(code).not.toBe(0);
    expect(heavyIn(packages)).toEqual(['graphology (diagram)', 'pg (--db)', 'kysely (introspection)']);
    expect(stagesIn(files)).toEqual([]);
  });

  it('an --sql run loads neither pg nor PGlite in the main thread (PGlite runs in its worker), and only what its outputs need', async () => {
    // The worker thread's own modules are not recorded (the hook is the main thread's), so the main thread's
    // share is checked: it starts the worker (pglite-thread) and never imports PGlite itself.
    const shop = join(REPO_ROOT, 'fixtures/shop.sql');
    const json = await loadedBy(['--sql', shop, '--out', join(work, 'shop.json')]);
    expect(json.code).toBe(0);
    expect(heavyIn(json.packages)).toEqual(['graphology (diagram)', 'kysely (introspection)']);
    expect(json.files.some((file) => file.endsWith('/src/source/pglite-thread.ts'))).toBe(true);
    expect(stagesIn(json.files)).toEqual([]);

    const markdown = await loadedBy(['--sql', shop, '--out', join(work, 'shop.md')]);
    expect(markdown.code).toBe(0);
    expect(heavyIn(markdown.packages)).toEqual(['graphology (diagram)', 'kysely (introspection)']);
    expect(stagesIn(markdown.files)).toEqual(['docs']);

    const svg = await loadedBy(['--sql', shop, '--out', join(work, 'shop.svg')]);
    expect(svg.code).toBe(0);
    expect(heavyIn(svg.packages)).toEqual(['elkjs (layout)', 'graphology (diagram)', 'kysely (introspection)']);
    expect(stagesIn(svg.files)).toEqual(['layout', 'scene', 'render']);

    // Only a picture loads the rasteriser.
    const png = await loadedBy(['--sql', shop, '--out', join(work, 'shop.png')]);
    expect(png.code).toBe(0);
    expect(heavyIn(png.packages)).toEqual(['elkjs (layout)', 'graphology (diagram)', 'kysely (introspection)', 'resvg (PNG)']);
    expect(stagesIn(png.files)).toEqual(['layout', 'scene', 'render']);
  });

  it('the library entry loads neither the Miro client\'s HTTP stack nor the engines, the layout or the rasteriser', async () => {
    const { code, packages, files } = await loadedBy([], {}, join(REPO_ROOT, 'src/index.ts'));
    expect(code).toBe(0);
    // The stages' modules load (they are the library's exports); what they run on loads with the first call.
    expect(files.some((file) => file.endsWith('/src/miro/client.ts'))).toBe(true);
    expect(heavyIn(packages)).toEqual(['graphology (diagram)', 'kysely (introspection)']);
  });
});

function stagesIn(files: string[]): string[] {
  const ownStage = (file: string, stage: string): boolean =>
    file.includes(`/src/${stage}/`) && !NEEDED_BY_FLAGS.some((needed) => file.endsWith(needed));
  return STAGES.filter((stage) => files.some((file) => ownStage(file, stage)));
}
