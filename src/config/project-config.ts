/**
 * What a team fixes once for its board, in `schema-to-miro.config.json`. Every key is optional; command-line
 * flags override them. The keys are declared with the flags in options.ts; README.md ("Configuration file")
 * documents each key.
 */

import type { NamedDiagramSpec } from '../model/diagram.js';
import type { OPTIONS, OptionValue } from './options.js';

export const CONFIG_FILE_NAME = 'schema-to-miro.config.json';

/** A config file's settings: one optional key per declared option with a `configKey` (src/config/options.ts). */
export type ProjectConfig = {
  [D in Extract<(typeof OPTIONS)[number], { configKey: string }> as D['configKey']]?: OptionValue<D>;
};

/** One schema the service may read: a live database (its URL in an environment variable) or SQL files. */
export interface SourceConfig {
  /** Name of the environment variable holding the database URL (secrets never sit in the file). */
  dbEnv?: string;
  /** SQL files or migration folders, relative to the config file's folder (resolved when loaded). */
  sql?: string[];
  schemas?: string[];
  views?: boolean;
  /** Name of the environment variable holding the secret that signs `POST /hooks/<source>`. */
  hookSecretEnv?: string;
}

/** One named subset: a list of tables, globs, or a table and the tables within `depth` hops of it. */
export type NamedDiagramConfig = NamedDiagramSpec;

/** A config as loaded: the values and the file they came from (for messages). */
export interface LoadedConfig {
  path: string;
  config: ProjectConfig;
}
