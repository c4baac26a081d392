import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Only the owner may read or write: the file holds tokens and the app's secret. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Writes `text` to `path` so that readers see the old file or the new one, never half of one: the text
 * goes to a private temporary file in the same folder, is flushed to disk, then renamed over `path`.
 */
export async function writePrivateFileAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await ensurePrivateDirectory(dir);
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(text, 'utf8');
      // The umask cannot widen 0600, but a file system may ignore the create mode: set it explicitly.
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Creates the folder owner-only; an existing folder keeps its mode (it may be shared on purpose). */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // A file system may ignore the create mode; the folder is new, so it is ours to tighten.
  if (created !== undefined) await chmod(dir, PRIVATE_DIR_MODE);
}

/** Makes the rename itself durable; some platforms cannot open a folder, which is harmless to skip. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the rename already happened.
  }
}
