/**
 * Finds and reads the config file: `--config <path>` when given, else `SCHEMA_TO_MIRO_CONFIG` (either
 * must exist), else `schema-to-miro.config.json` in the working folder or the nearest folder above it, up
 * to the repository's root (the first folder with a `.git`), as git, eslint and prettier find theirs; a
 * folder outside any repository is searched alone. Paths in the file are relative to its folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { CONFIG_FILE_NAME, type LoadedConfig } from './project-config.js';
import { parseProjectConfig } from './validate-config.js';

export interface ConfigLookup {
  /** `--config`: an explicit file, which must exist. */
  path?: string;
  /** Where the search for `schema-to-miro.config.json` starts when no file is named. */
  cwd: string;
  /** For `SCHEMA_TO_MIRO_CONFIG`. */
  env?: NodeJS.ProcessEnv;
}

export const CONFIG_ENV_VARIABLE = 'SCHEMA_TO_MIRO_CONFIG';

export async function loadProjectConfig(lookup: ConfigLookup): Promise<LoadedConfig | null> {
  const named = lookup.path ?? (lookup.env?.[CONFIG_ENV_VARIABLE] || undefined);
  const explicit = named !== undefined;
  const path = explicit ? resolve(lookup.cwd, named) : await findConfigUpwards(lookup.cwd);
  if (path === null) return null;
  const shown = lookup.path ?? (explicit ? `${named} (${CONFIG_ENV_VARIABLE})` : path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return null;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new SchemaToMiroError('usage', `cannot read config ${shown}: ${reason}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SchemaToMiroError('usage', `${path}: not valid JSON (${detail})`, { cause: error });
  }
  const config = parseProjectConfig(value, path);
  const folder = dirname(path);
  const fromFolder = (p: string): string => (isAbsolute(p) ? p : resolve(folder, p));
  if (config.sql !== undefined) config.sql = config.sql.map(fromFolder);
  for (const declared of Object.values(config.sources ?? {})) if (declared.sql !== undefined) declared.sql = declared.sql.map(fromFolder);
  if (config.serve?.dataDir !== undefined) config.serve.dataDir = fromFolder(config.serve.dataDir);
  return { path, config };
}

/** The nearest `schema-to-miro.config.json` from `start` up to the repository root; null when there is none. */
async function findConfigUpwards(start: string): Promise<string | null> {
  const folders: string[] = [];
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    folders.push(folder);
    if ((await exists(join(folder, '.git'))) || dirname(folder) === folder) break;
  }
  // Outside a repository, the walk reached the file system's root: only the working folder counts then.
  const inRepository = await exists(join(folders.at(-1)!, '.git'));
  for (const folder of inRepository ? folders : folders.slice(0, 1)) {
    const candidate = join(folder, CONFIG_FILE_NAME);
    if (await exists(candidate)) return candidate;
  }
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
