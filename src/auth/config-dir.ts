import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { envValue, type Env } from './env.js';

/**
 * The tool's config folder: `$XDG_CONFIG_HOME/schema-to-miro`, else `~/.config/schema-to-miro`.
 * XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
 */
export function configDirectory(env: Env): string {
  const xdg = envValue(env, 'XDG_CONFIG_HOME');
  if (xdg && isAbsolute(xdg)) return join(xdg, 'schema-to-miro');
  const home = envValue(env, 'HOME') ?? safeHomedir();
  if (!home) {
    throw new SchemaToMiroError('usage', 'cannot find a config folder: set XDG_CONFIG_HOME or HOME');
  }
  return join(home, '.config', 'schema-to-miro');
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}
