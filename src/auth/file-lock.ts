import { open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { ensurePrivateDirectory } from './private-file.js';

export interface FileLockOptions {
  /** Give up after this long. */
  waitMs?: number;
  /** A lock older than this was left by a crashed process and is taken over. */
  staleMs?: number;
}

/**
 * Runs `work` while holding `lockPath` (created exclusively), so that two schema-to-miro processes never
 * read-modify-write the same file at once, nor spend the same refresh token twice.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  await ensurePrivateDirectory(dirname(lockPath));
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lockPath, staleMs)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SchemaToMiroError(
        'usage',
        `${lockPath} is held by another schema-to-miro; if none is running, delete that file`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 30)));
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  try {
    const info = await stat(lockPath);
    return Date.now() - info.mtimeMs > staleMs;
  } catch {
    return false; // gone already: the next attempt will take it
  }
}
