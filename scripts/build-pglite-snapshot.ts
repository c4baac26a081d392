/**
 * `npm run build`: ships the data folder PGlite's initdb makes (`dist/pglite/<name>.tar.gz`), so that a
 * first `--sql` run after installing skips initdb (src/source/pglite-shipped.ts). Made by one start of
 * PGlite into an empty cache folder, exactly as a user's first run would save it; kept when the archive
 * for this PGlite version is already there.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip, constants } from 'node:zlib';
import { SNAPSHOT_FILE, startPglite } from '../src/source/pglite-start.js';

const folder = join(import.meta.dirname, '..', 'dist', 'pglite');
const target = join(folder, `${SNAPSHOT_FILE}.gz`);
// An archive of another PGlite version (left by an earlier build) would only make the package bigger.
for (const old of await readdir(folder).catch(() => [] as string[])) if (join(folder, old) !== target) await rm(join(folder, old), { force: true });
if (existsSync(target)) {
  process.stdout.write(`PGlite data folder already shipped: ${SNAPSHOT_FILE}.gz\n`);
} else {
  const cache = await mkdtemp(join(tmpdir(), 's2m-pglite-snapshot-'));
  try {
    const db = await startPglite({}, { ...process.env, SCHEMA_TO_MIRO_CACHE_DIR: cache });
    await db.close();
    const archive = await readFile(join(cache, SNAPSHOT_FILE));
    const packed = await promisify(gzip)(archive, { level: constants.Z_BEST_COMPRESSION });
    await mkdir(folder, { recursive: true });
    await writeFile(target, packed);
    process.stdout.write(`PGlite data folder shipped: ${SNAPSHOT_FILE}.gz, ${(packed.length / 1e6).toFixed(1)} MB\n`);
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
}
