/**
 * What a team fixes once for its board, in `schema-to-miro.config.json`. Every key is optional; command-line
 * flags override them. README.md ("Configuration file") documents each key.
 */

import type { ServeConfig } from './serve-options.js';

export const CONFIG_FILE_NAME = 'schema-to-miro.config.json';

export interface ProjectConfig {
  /** The board to keep current: its id or URL. */
  board?: string;
  /** Name of the board to create when `board` is absent. */
  boardName?: string;
  /** SQL files or migration folders, relative to the config file's folder (resolved when loaded). */
  sql?: string[];
  schemas?: string[];
  include?: string[];
  exclude?: string[];
  focus?: string;
  depth?: number;
  direction?: 'right' | 'down';
  columns?: 'all' | 'keys';
  maxColumns?: number;
  views?: boolean;
  /** Header colour per schema, `#rrggbb` or `#rgb`. */
  colors?: Record<string, string>;
  /** Delete tables gone from the schema (default true). */
  prune?: boolean;
  /** Seconds a run waits for another run's lock on the same board before it gives up. */
  lockWait?: number;
  /** Subsets drawn as their own frames beside the whole schema. */
  diagrams?: NamedDiagramConfig[];
  /** Schemas the service (`schema-to-miro serve`) may draw, by name: requests name one, never a URL or path. */
  sources?: Record<string, SourceConfig>;
  /** Settings of `schema-to-miro serve`, declared in serve-options.ts. */
  serve?: ServeConfig;
}

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
export interface NamedDiagramConfig {
  name: string;
  /** Tables by `schema.table` (or `table` when unambiguous). */
  tables?: string[];
  include?: string[];
  exclude?: string[];
  focus?: string;
  depth?: number;
}

/** A config as loaded: the values and the file they came from (for messages). */
export interface LoadedConfig {
  path: string;
  config: ProjectConfig;
}
