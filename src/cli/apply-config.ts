/**
 * Config file values under the command line: a flag given on the command line wins; otherwise the config's
 * value replaces the flag's default. Repeatable flags given on the command line replace the config's list.
 */
import { CONFIG_FLAG_KEYS, type ProjectConfig, type RawFlags } from '../config/index.js';
import type { ConfigOnlyOptions } from './program.js';

/**
 * `fromCommandLine(flag)` says whether the user typed that flag (commander's value source is `cli`).
 * A `--db` on the command line also overrides the config's `sql`, so `--db` alone is never "both sources".
 */
export function applyConfig(
  flags: RawFlags,
  config: ProjectConfig,
  fromCommandLine: (flag: keyof RawFlags) => boolean,
): { flags: RawFlags; configOnly: ConfigOnlyOptions } {
  const merged: Record<string, unknown> = { ...flags };
  for (const [configKey, flagKey] of CONFIG_FLAG_KEYS) {
    const value = (config as Record<string, unknown>)[configKey];
    if (value === undefined || fromCommandLine(flagKey)) continue;
    if (configKey === 'sql' && fromCommandLine('db')) continue;
    merged[flagKey] = Array.isArray(value) ? [...value] : value;
  }
  const configOnly: ConfigOnlyOptions = {
    ...(config.colors !== undefined ? { colors: config.colors } : {}),
    ...(config.diagrams !== undefined ? { diagrams: config.diagrams } : {}),
    ...(config.relations !== undefined ? { relations: config.relations } : {}),
    ...(config.areas !== undefined ? { areas: config.areas } : {}),
  };
  return { flags: merged as unknown as RawFlags, configOnly };
}
