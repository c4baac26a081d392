/**
 * Finds and reads the config file: `--config <path>` when given (it must exist), else
 * `schema-to-miro.config.json` in the working folder (optional). Paths in it are relative to its folder.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { CONFIG_FILE_NAME, type LoadedConfig } from './project-config.js';
import { parseProjectConfig } from './validate-config.js';

export interface ConfigLookup {
  /** `--config`: an explicit file, which must exist. */
  path?: string;
  /** Where to look for `schema-to-miro.config.json` when `path` is absent. */
  cwd: string;
}

export async function loadProjectConfig(lookup: ConfigLookup): Promise<LoadedConfig | null> {
  const explicit = lookup.path !== undefined;
  const path = resolve(lookup.cwd, lookup.path ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return null;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new SchemaToMiroError('usage', `cannot read config ${lookup.path ?? path}: ${reason}`, { cause: error });
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
