/**
 * The data folder PGlite's initdb makes, shipped in the package (`dist/pglite/`, made by `npm run build`
 * and `prepack`): a first run after installing loads it instead of running initdb, which takes 2 to 7
 * seconds and, with three WebAssembly instances alive at once, about 470 MB. It is the same archive the
 * first start would save in the cache (`pglite-start.ts`), gzipped (about 4.5 MB instead of 30).
 * Absent (running from the sources, or an archive for another PGlite version): initdb runs as before.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

/** Where the package ships the archive named `name`: `dist/pglite/`, beside `dist/source/` and `dist/bundle/`. */
export function shippedSnapshotPath(name: string): string {
  return fileURLToPath(new URL(`../pglite/${name}.gz`, import.meta.url));
}

/** The shipped archive, unpacked; null when the package has none of that name (or it does not unpack). */
export async function readShippedSnapshot(path: string): Promise<Uint8Array | null> {
  const packed = await readFile(path).catch(() => null);
  if (packed === null) return null;
  try {
    return new Uint8Array(await promisify(gunzip)(packed));
  } catch {
    return null;
  }
}
