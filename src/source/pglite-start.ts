/**
 * Starting PGlite runs initdb inside WebAssembly: 3 to 7 seconds on a small machine, most of a preview's
 * time. The data folder initdb makes is the same every time for one PGlite version, so the first start
 * saves it (gzip, about 4.5 MB) in the user's cache folder and later starts load it instead (about 1 s).
 * The cache is an optimisation only: when it cannot be read or written, PGlite starts the slow way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite, type Extensions, type PGliteOptions } from '@electric-sql/pglite';

/** PGlite's version keys the cache: another version may lay out its data folder differently. */
const pgliteVersion = readPgliteVersion();

function readPgliteVersion(): string {
  // The package exports no ./package.json; find it above the resolved entry point.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@electric-sql/pglite' && manifest.version) return manifest.version;
    } catch {
      // No manifest at this level; keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/** `SCHEMA_TO_MIRO_CACHE_DIR`, else `$XDG_CACHE_HOME/schema-to-miro`, else `~/.cache/schema-to-miro`; `off` disables it. */
export function cacheDirectory(env: NodeJS.ProcessEnv): string | null {
  const explicit = env.SCHEMA_TO_MIRO_CACHE_DIR;
  if (explicit === 'off') return null;
  if (explicit) return explicit;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'schema-to-miro');
}

/** PGlite's WebAssembly, compiled once by the caller (pglite-thread.ts keeps it for every start). */
export type PgliteModules = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule'>;

/**
 * `dataDir`: keep the database in that folder (the service's embedded store) instead of in memory; a
 * folder that already holds one is opened as it is, a new one starts from the saved initdb.
 */
export async function startPglite(extensions: Extensions, env: NodeJS.ProcessEnv, modules: PgliteModules = {}, dataDir?: string): Promise<PGlite> {
  const where = { ...modules, ...(dataDir === undefined ? {} : { dataDir }) };
  if (dataDir !== undefined && existsSync(join(dataDir, 'PG_VERSION'))) return PGlite.create({ extensions, ...where });
  const directory = cacheDirectory(env);
  if (directory === null) return PGlite.create({ extensions, ...where });
  const file = join(directory, `pglite-${pgliteVersion}-initdb.tar.gz`);

  const saved = await readFile(file).catch(() => null);
  if (saved !== null) {
    try {
      return await PGlite.create({ extensions, ...where, loadDataDir: new Blob([saved]) });
    } catch {
      // A damaged or foreign file: forget it and start afresh below, which saves a good one.
      await rm(file, { force: true });
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    }
  }
  const db = await PGlite.create({ extensions, ...where });
  await saveDataDir(db, directory, file);
  return db;
}

async function saveDataDir(db: PGlite, directory: string, file: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const archive = await db.dumpDataDir('gzip');
    await mkdir(directory, { recursive: true });
    await writeFile(temp, Buffer.from(await archive.arrayBuffer()));
    // A rename is atomic: a concurrent run reads either no file or a whole one.
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
