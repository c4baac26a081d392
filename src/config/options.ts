/**
 * Every option of the main command, declared once: its flag, its config-file key, its type, default,
 * help text and checks. Commander's flags (src/cli/program.ts), the config file's validation
 * (validate-config.ts), the option types (`RawFlags`, `ProjectConfig`), the merge of config under flags
 * (src/cli/apply-config.ts) and the published JSON Schema (`schema-to-miro.schema.json`, written by
 * scripts/generate-config-schema.ts) are all derived from this table. README's option tables are checked
 * against it by test/config/options-declared-once.test.ts.
 */
import { ExitCode } from '../exit-codes.js';
import type { AreaRule, NamedDiagramSpec } from '../model/diagram.js';
import type { DeclaredRelationSpec } from '../model/relations.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS } from '../source/load-timeout.js';
import { CONFIG_FILE_NAME, type ProjectConfig, type SourceConfig } from './project-config.js';
import type { ServeConfig } from './serve-options.js';
/** A CI job usually runs after one migration; two minutes covers another job's sync of a large board. */
export const DEFAULT_LOCK_WAIT_SECONDS = 120;

interface Common {
  /** The flag as commander spells it, with its value placeholder: `--depth <n>`, `-q, --quiet`, `--no-prune`. */
  flag?: string;
  /** The key in `schema-to-miro.config.json`; absent for flags a config file cannot set. */
  configKey?: string;
  /** What `--help` and the JSON Schema say. */
  help: string;
  /** What the JSON Schema says instead, when the config key reads the other way round (`prune` vs `--no-prune`). */
  configHelp?: string;
  /** An environment variable that gives the flag's value: below the command line, above the config file. */
  env?: string;
}

export type OptionDeclaration =
  | (Common & { type: 'string' })
  | (Common & { type: 'strings' })
  | (Common & { type: 'boolean'; default: boolean })
  | (Common & { type: 'integer'; min: number; default?: number })
  | (Common & { type: 'choice'; choices: readonly string[]; default: string })
  /** Config only: values a flag cannot carry (objects, lists of objects), checked by their own code. */
  | (Common & { type: 'colors' | 'diagrams' | 'areas' | 'relations' | 'sources' | 'serve' });

export const OPTIONS = [
  { flag: '--db <url>', type: 'string', help: 'PostgreSQL connection: a postgresql:// URL or libpq key=value pairs (default: DATABASE_URL, then the PG* variables)' },
  { flag: '--sql <path>', configKey: 'sql', type: 'strings', help: 'SQL file or migrations folder, loaded into an embedded PostgreSQL (repeatable)' },
  { flag: '--schema <name>', configKey: 'schemas', type: 'strings', help: 'only this schema (repeatable; default: every user schema)' },
  { flag: '--views', configKey: 'views', type: 'boolean', default: false, help: 'include views and materialized views, joined to the tables they read' },
  {
    flag: '--infer-relations',
    configKey: 'inferRelations',
    type: 'boolean',
    default: false,
    help: 'draw <name>_id columns as relations to the table <name> (or its plural) where no foreign key covers them (dashed, "not enforced")',
  },
  { flag: '--include <glob>', configKey: 'include', type: 'strings', help: 'only tables whose schema.table matches (repeatable)' },
  { flag: '--exclude <glob>', configKey: 'exclude', type: 'strings', help: 'leave out tables whose schema.table matches (repeatable)' },
  { flag: '--focus <table>', configKey: 'focus', type: 'string', help: 'only this table and its neighbours (see --depth)' },
  { flag: '--depth <n>', configKey: 'depth', type: 'integer', min: 0, default: 1, help: 'foreign-key hops around --focus' },
  { flag: '--columns <which>', configKey: 'columns', type: 'choice', choices: ['all', 'keys'], default: 'all', help: 'columns to draw' },
  { flag: '--max-columns <n>', configKey: 'maxColumns', type: 'integer', min: 1, help: 'at most n column rows per table, then "… k more"' },
  { flag: '--direction <dir>', configKey: 'direction', type: 'choice', choices: ['right', 'down'], default: 'right', help: 'main direction of the layout' },
  {
    flag: '--out <file>',
    type: 'strings',
    help: 'write a file; the name says the format: .json (schema model), .layout.json, .svg, .html, .png, .md (docs), .mmd (Mermaid), .dbml (repeatable)',
  },
  { flag: '--board <id-or-url>', configKey: 'board', type: 'string', env: 'MIRO_BOARD', help: 'Miro board to keep current (default: MIRO_BOARD, else create a new board)' },
  { flag: '--board-name <name>', configKey: 'boardName', type: 'string', help: 'name of the board to create when --board is not given' },
  {
    flag: '--board-access <access>',
    configKey: 'boardAccess',
    type: 'choice',
    choices: ['private', 'view', 'comment', 'edit'],
    default: 'private',
    help: 'who may open a new board by its link: private (only people invited), or anyone with the link to view, comment or edit',
  },
  { flag: '--token <token>', type: 'string', help: 'Miro access token (default: MIRO_ACCESS_TOKEN, then the stored login)' },
  {
    flag: '--no-prune',
    configKey: 'prune',
    type: 'boolean',
    default: true,
    help: 'keep tables on the board that are gone from the schema',
    configHelp: 'delete tables on the board that are gone from the schema (false: keep them)',
  },
  {
    flag: '--no-hub-references',
    configKey: 'hubReferences',
    type: 'boolean',
    default: true,
    help: 'draw relations to hub tables, and between subject areas, to the tables themselves (no reference boxes)',
    configHelp: 'reference boxes stand for hub tables, and for tables of other subject areas (false: lines to the tables themselves)',
  },
  { flag: '--relayout', type: 'boolean', default: false, help: 'move every table to its computed place, even ones a user moved' },
  { flag: '--dry-run', type: 'boolean', default: false, help: 'print what would change on the board, change nothing' },
  { flag: '-q, --quiet', type: 'boolean', default: false, help: 'no progress on stderr (the result and errors still print)' },
  { flag: '--config <file>', type: 'string', help: `config file (default: ${CONFIG_FILE_NAME} in the working folder, when there)` },
  { flag: '--summary <file>', type: 'string', help: 'write a Markdown summary of the run (e.g. "$GITHUB_STEP_SUMMARY")' },
  { flag: '--json', type: 'boolean', default: false, help: 'print a machine-readable result on stdout instead of text' },
  { flag: '--check', type: 'boolean', default: false, help: `exit ${ExitCode.outOfSync} when the board is not in sync with the schema; write nothing` },
  { flag: '--exit-code', type: 'boolean', default: false, help: `exit ${ExitCode.changed} (not 0) when the run changed the board's schema` },
  {
    flag: '--change-label <text>',
    type: 'string',
    help: 'what changed tables are marked with (default: the last migration of --sql, else the date)',
  },
  {
    flag: '--lock-wait <seconds>',
    configKey: 'lockWait',
    type: 'integer',
    min: 0,
    help: `how long to wait for another run on the same board (default ${DEFAULT_LOCK_WAIT_SECONDS})`,
  },
  {
    flag: '--load-timeout <seconds>',
    configKey: 'loadTimeout',
    type: 'integer',
    min: 1,
    help: `stop loading --sql files after this long, naming the running statement (default ${DEFAULT_LOAD_TIMEOUT_SECONDS})`,
  },
  { configKey: 'colors', type: 'colors', help: 'header colour per schema, "#rrggbb" or "#rgb"' },
  { configKey: 'diagrams', type: 'diagrams', help: 'named subsets drawn as their own frames beside the whole schema' },
  { configKey: 'areas', type: 'areas', help: 'named subject areas pinned by glob; the other tables of a large schema fall into detected areas' },
  {
    configKey: 'relations',
    type: 'relations',
    help: 'relations the database does not enforce, drawn dashed: [{ "from": "public.orders(customer_ref)", "to": "public.customers(id)" }]',
  },
  { configKey: 'sources', type: 'sources', help: 'schemas `schema-to-miro serve` may draw, by name: a database URL from an environment variable, or SQL files' },
  { configKey: 'serve', type: 'serve', help: 'settings of `schema-to-miro serve` (declared in serve-options.ts)' },
] as const satisfies readonly OptionDeclaration[];

type Declared = (typeof OPTIONS)[number];

/** The long flag of a declaration without its placeholder: `--max-columns`, `--quiet`, `--no-prune`. */
export function longFlag(flag: string): string {
  return /--[a-z-]+/.exec(flag)![0];
}

/** The key commander gives a flag's value: `--max-columns` -> `maxColumns`, `--no-prune` -> `prune`. */
export function flagKey(flag: string): string {
  return longFlag(flag)
    .replace(/^--(no-)?/, '')
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
type LongName<F extends string> = F extends `${string}--no-${infer N}`
  ? N
  : F extends `${string}--${infer N} ${string}`
    ? N
    : F extends `${string}--${infer N}`
      ? N
      : never;
type KeyOfFlag<F extends string> = Camel<LongName<F>>;

/** The value type a declaration gives its flag and its config key. */
export type OptionValue<D> = D extends { type: 'string' }
  ? string
  : D extends { type: 'strings' }
    ? string[]
    : D extends { type: 'boolean' }
      ? boolean
      : D extends { type: 'integer' }
        ? number
        : D extends { type: 'choice'; choices: readonly (infer C)[] }
          ? C
          : D extends { type: 'colors' }
            ? Record<string, string>
            : D extends { type: 'diagrams' }
              ? NamedDiagramSpec[]
              : D extends { type: 'areas' }
                ? AreaRule[]
              : D extends { type: 'relations' }
                ? DeclaredRelationSpec[]
                : D extends { type: 'sources' }
                  ? Record<string, SourceConfig>
                  : D extends { type: 'serve' }
                    ? ServeConfig
                    : never;

type WithFlag = Extract<Declared, { flag: string }>;
/** Flags that always have a value: a default, or a list that starts empty. */
type Filled = Extract<WithFlag, { default: unknown } | { type: 'strings' }>;

/** Flags as commander hands them over, before checking. */
export type RawFlags = { [D in Filled as KeyOfFlag<D['flag']>]: OptionValue<D> } & {
  [D in Exclude<WithFlag, Filled> as KeyOfFlag<D['flag']>]?: OptionValue<D>;
};

/** The flags a config file may set, as (config key, flag key). */
export const CONFIG_FLAG_KEYS: readonly (readonly [string, keyof RawFlags])[] = OPTIONS.flatMap((o) =>
  'flag' in o && 'configKey' in o ? [[o.configKey, flagKey(o.flag) as keyof RawFlags] as const] : [],
);

/** The declaration whose flag key (`maxColumns`) or config key (`schemas`) this is. */
function declarationOf(key: string): OptionDeclaration | undefined {
  return (OPTIONS as readonly OptionDeclaration[]).find(
    (o) => (o.flag !== undefined && flagKey(o.flag) === key) || o.configKey === key,
  );
}

/** The declared default of a config key (`hubReferences` -> true), for readers of the config file other than the CLI. */
export function configDefault<K extends keyof ProjectConfig>(key: K): NonNullable<ProjectConfig[K]> {
  const declared = declarationOf(key);
  if (declared === undefined || !('default' in declared)) throw new Error(`${key} has no default`);
  return declared.default as NonNullable<ProjectConfig[K]>;
}

/** How the command line names an option in messages: `schemas` -> `--schema`, `maxColumns` -> `--max-columns`. */
export function flagName(key: string): string {
  const flag = declarationOf(key)?.flag;
  return flag === undefined ? key : longFlag(flag);
}
