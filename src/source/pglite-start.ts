/**
 * Starting PGlite runs initdb inside WebAssembly: 3 to 7 seconds on a small machine, most of a preview's
 * time. The data folder initdb makes is the same every time for one PGlite version, so the first start
 * saves it (a plain ustar archive, about 30 MB) in the user's cache folder and later starts load it
 * instead (`pglite-snapshot.ts`: one read, no copies). The cache is an optimisation only: when it cannot
 * be read or written, PGlite starts the slow way. How PostgreSQL itself is started is `pglite-options.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { pgliteStartOptions, type PgliteModules } from './pglite-options.js';
import { readShippedSnapshot, shippedSnapshotPath } from './pglite-shipped.js';
import { readSnapshot, SnapshotMemoryFS, writeSnapshotFolder, type SnapshotEntry } from './pglite-snapshot.js';

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

/** Names the saved folder: another PGlite version, or another way of saving it, makes a new file. */
const SNAPSHOT_FORMAT = 'initdb-1mb-wal';

/** The saved folder's file name, in the cache and (gzipped) in the package. */
export const SNAPSHOT_FILE = `pglite-${pgliteVersion}-${SNAPSHOT_FORMAT}.tar`;

export type { PgliteModules } from './pglite-options.js';

/**
 * `modules`: PGlite's WebAssembly compiled by the caller (pglite-thread.ts, for a process's later starts).
 * `dataDir`: keep the database in that folder (the service's embedded store) instead of in memory; a
 * folder that already holds one is opened as it is, a new one starts from the saved initdb.
 */
export async function startPglite(extensions: Extensions, env: NodeJS.ProcessEnv, modules: PgliteModules = {}, dataDir?: string): Promise<PGlite> {
  if (dataDir !== undefined) return startOnDisk(extensions, env, modules, dataDir);
  const directory = cacheDirectory(env);
  if (directory === null) return PGlite.create({ extensions, ...(await pgliteStartOptions(modules, true)) });
  const file = join(directory, SNAPSHOT_FILE);

  const saved = (await readSaved(file)) ?? (await takeShipped(directory, file));
  if (saved !== null) {
    try {
      return await PGlite.create({ extensions, fs: new SnapshotMemoryFS(saved), ...(await pgliteStartOptions(modules, false)) });
    } catch {
      // A damaged or foreign folder: forget it and start afresh below, which saves a good one.
      await rm(file, { force: true });
    }
  }
  const fs = new SnapshotMemoryFS(null);
  const db = await PGlite.create({ extensions, fs, ...(await pgliteStartOptions(modules, true)) });
  await saveDataFolder(fs, directory, file);
  return db;
}

/**
 * The service's store, kept on disk with PGlite's own start settings (it lives long and must survive a
 * crash, unlike a schema loaded for one run). A new folder is filled from the saved initdb, made first
 * by an in-memory start when there is none yet.
 */
async function startOnDisk(extensions: Extensions, env: NodeJS.ProcessEnv, modules: PgliteModules, dataDir: string): Promise<PGlite> {
  const options = { extensions, ...modules, dataDir };
  if (existsSync(join(dataDir, 'PG_VERSION'))) return PGlite.create(options);
  const directory = cacheDirectory(env);
  if (directory === null) return PGlite.create(options);
  const file = join(directory, SNAPSHOT_FILE);
  let saved = await readSaved(file);
  if (saved === null) {
    await (await startPglite({}, env, modules)).close();
    saved = await readSaved(file);
  }
  if (saved !== null) {
    try {
      await writeSnapshotFolder(saved, dataDir);
      return await PGlite.create(options);
    } catch {
      // A folder that did not start: empty it, and let initdb fill it below.
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return PGlite.create(options);
}

/** The saved folder's entries, or null when there is none or it is not a whole archive (then removed). */
async function readSaved(file: string): Promise<SnapshotEntry[] | null> {
  const archive = await readFile(file).catch(() => null);
  if (archive === null) return null;
  try {
    return readSnapshot(archive);
  } catch {
    await rm(file, { force: true });
    return null;
  }
}

/** The package's archive, saved in the cache for later starts (the plain tar loads with no unpacking). */
async function takeShipped(directory: string, file: string): Promise<SnapshotEntry[] | null> {
  const archive = await readShippedSnapshot(shippedSnapshotPath(SNAPSHOT_FILE));
  if (archive === null) return null;
  let entries: SnapshotEntry[];
  try {
    entries = readSnapshot(archive);
  } catch {
    return null;
  }
  await saveInCache(directory, file, (temp) => writeFile(temp, archive));
  return entries;
}

async function saveDataFolder(fs: SnapshotMemoryFS, directory: string, file: string): Promise<void> {
  await saveInCache(directory, file, async (temp) => fs.saveDataFolder(temp));
}

/** Writes `file` in the cache through a temporary name; a failure leaves no file (the cache is only a speed-up). */
async function saveInCache(directory: string, file: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(directory, { recursive: true });
    await write(temp);
    // A rename is atomic: a concurrent run reads either no file or a whole one.
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
