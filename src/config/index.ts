/** The project config file (`schema-to-miro.config.json`): finding, reading and checking it. */
export { CONFIG_FILE_NAME } from './project-config.js';
export type { LoadedConfig, NamedDiagramConfig, ProjectConfig, SourceConfig } from './project-config.js';
export { SERVE_OPTIONS, serveDefault, type ServeConfig, type ServeOptionDeclaration } from './serve-options.js';
export { CONFIG_KEYS, parseProjectConfig } from './validate-config.js';
export { CONFIG_ENV_VARIABLE, loadProjectConfig, type ConfigLookup } from './load-config.js';
export { CONFIG_FLAG_KEYS, DEFAULT_LOCK_WAIT_SECONDS, configDefault, OPTIONS, flagKey, flagName, longFlag, type OptionDeclaration, type RawFlags } from './options.js';
export { configJsonSchema, configJsonSchemaText } from './config-schema.js';
