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

/** One named subset: a list of tables, globs, or a table and the tables within `depth` hops of it. */
export type NamedDiagramConfig = NamedDiagramSpec;

/** A config as loaded: the values and the file they came from (for messages). */
export interface LoadedConfig {
  path: string;
  config: ProjectConfig;
}
