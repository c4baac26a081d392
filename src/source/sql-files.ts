/**
 * Which files a `--sql` argument stands for, in the order they are applied.
 *
 * A file is itself. A folder is a migrations folder: every `*.sql` below it (sub-folders too, as in
 * `migrations/20240101120000_init/migration.sql`), in natural order of their paths relative to the folder,
 * so `2_x.sql` runs before `10_y.sql`. Down migrations (`*.down.sql`, `down.sql`) are skipped: applying
 * them after their up migration would undo it.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { SchemaToMiroError } from '../errors.js';

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Natural order (`2` before `10`), then code points, so the order never depends on the locale. */
export function compareNaturally(a: string, b: string): number {
  return naturalOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function isDownMigration(fileName: string): boolean {
  return /(^|[._-])down\.sql$/i.test(fileName);
}

async function sqlFilesBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.sql$/i.test(entry.name) && !isDownMigration(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((a, b) => compareNaturally(relative(folder, a).split(sep).join('/'), relative(folder, b).split(sep).join('/')));
}

function unreadable(path: string, error: unknown): SchemaToMiroError {
  const code = (error as { code?: string }).code;
  const reason = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
  return new SchemaToMiroError('sql', `cannot read ${path}: ${reason}`);
}

/** Expands the `--sql` arguments, in the order given, into the files to apply. */
export async function resolveSqlFiles(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new SchemaToMiroError('sql', 'no SQL file or folder given');
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw unreadable(path, error);
    }
    if (info.isDirectory()) {
      const found = await sqlFilesBelow(path).catch((error: unknown) => {
        throw unreadable(path, error);
      });
      if (found.length === 0) throw new SchemaToMiroError('sql', `folder ${path} holds no .sql files`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return files;
}

/** The database name a set of SQL files stands for: the first argument's base name without `.sql`. */
export function databaseNameOf(paths: readonly string[]): string {
  const first = paths[0] ?? 'sql';
  return basename(first.replace(/[/\\]+$/, '')).replace(/\.sql$/i, '') || 'sql';
}
