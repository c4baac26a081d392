/**
 * Every setting of `schema-to-miro serve`, declared once: its flag (when it has one), its key in the config
 * file's `serve` section (when a file may hold it), type, default, bounds and help. The serve command's
 * flags (src/cli/commands/serve.ts), the `serve` section's checks (validate-config.ts), its JSON Schema and
 * the service's defaults (src/serve/settings.ts) all follow this table. `--store` has no key: a database URL
 * may carry a password, and secrets never sit in the file.
 */

interface Common {
  flag?: string;
  key?: string;
  help: string;
}

export type ServeOptionDeclaration =
  | (Common & { type: 'integer'; min: number; max?: number; default?: number })
  | (Common & { type: 'number'; min: number; default: number })
  | (Common & { type: 'string'; default?: string })
  | (Common & { type: 'choice'; choices: readonly string[]; default: string });

export const SERVE_OPTIONS = [
  { flag: '--port <n>', key: 'port', type: 'integer', min: 0, max: 65_535, default: 8787, help: 'port to listen on' },
  { flag: '--host <address>', key: 'host', type: 'string', default: '127.0.0.1', help: 'address to listen on' },
  { flag: '--data-dir <folder>', key: 'dataDir', type: 'string', help: 'folder of the embedded store (default: $XDG_DATA_HOME/schema-to-miro/serve)' },
  { flag: '--store <url>', type: 'string', help: 'keep the store on this PostgreSQL instead (default: SCHEMA_TO_MIRO_STORE_URL)' },
  { key: 'publicUrl', type: 'string', help: 'the address people reach the service at (default: the origin of MIRO_REDIRECT_URI)' },
  { key: 'concurrency', type: 'integer', min: 1, default: 2, help: 'syncs one process runs at once' },
  { key: 'leaseSeconds', type: 'integer', min: 2, default: 900, help: 'a sync whose process stops answering is taken over after this long' },
  { key: 'pollSeconds', type: 'number', min: 0.5, default: 2, help: 'how often an idle worker looks for jobs' },
  { key: 'retries', type: 'integer', min: 0, default: 3, help: 'attempts after a sync Miro failed, with growing pauses' },
  { key: 'keepRuns', type: 'integer', min: 1, default: 100, help: 'finished runs whose records are kept per board; older records are deleted' },
  { key: 'rateLimitPerMinute', type: 'integer', min: 1, default: 120, help: 'requests one person (or address, before signing in) may make per minute' },
  { key: 'logLevel', type: 'choice', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'silent'], default: 'info', help: 'the lowest level logged' },
] as const satisfies readonly ServeOptionDeclaration[];

type Declared = (typeof SERVE_OPTIONS)[number];
type ValueOf<D> = D extends { type: 'integer' | 'number' } ? number : D extends { type: 'choice'; choices: readonly (infer C)[] } ? C : string;

/** The config file's `serve` section: one optional key per declaration with a `key`. */
export type ServeConfig = { [D in Extract<Declared, { key: string }> as D['key']]?: ValueOf<D> };

/** The declared default of a `serve` key. */
export function serveDefault<K extends keyof ServeConfig>(key: K): NonNullable<ServeConfig[K]> {
  const declared = (SERVE_OPTIONS as readonly ServeOptionDeclaration[]).find((o) => o.key === key);
  if (declared === undefined || !('default' in declared) || declared.default === undefined) throw new Error(`serve.${key} has no default`);
  return declared.default as NonNullable<ServeConfig[K]>;
}

/** Names of `sources` entries (they appear in URLs: `/hooks/<source>`). */
export const SOURCE_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,62}$';
/** An environment variable's name, where the config names one instead of holding a secret. */
export const ENV_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
