/**
 * The command line: flags of the main command, turned into checked `RunOptions`.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { SchemaToMiroError } from '../errors.js';
import { parseBoardId } from '../miro/board-id.js';
import type { SourceSpec } from '../source/index.js';
import { CONFIG_FILE_NAME, type NamedDiagramConfig } from '../config/index.js';
import { ExitCode } from './exit-codes.js';
import { outputTarget } from './outputs.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS } from '../source/index.js';
import { checkBoardName } from '../sync/index.js';
import { DEFAULT_LOCK_WAIT_SECONDS, type RunOptions } from './run-options.js';

/** Flags as commander hands them over, before checking. */
export interface RawFlags {
  db?: string;
  sql: string[];
  schema: string[];
  views: boolean;
  include: string[];
  exclude: string[];
  focus?: string;
  depth: number;
  columns: 'all' | 'keys';
  maxColumns?: number;
  direction: 'right' | 'down';
  out: string[];
  board?: string;
  boardName?: string;
  token?: string;
  prune: boolean;
  relayout: boolean;
  dryRun: boolean;
  quiet: boolean;
  config?: string;
  summary?: string;
  json: boolean;
  check: boolean;
  exitCode: boolean;
  changeLabel?: string;
  lockWait?: number;
  loadTimeout?: number;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

/** Declares every flag of the main command on `program`. */
export function addMainOptions(program: Command): Command {
  return program
    .option('--db <url>', 'PostgreSQL connection: a postgresql:// URL or libpq key=value pairs (default: DATABASE_URL, then the PG* variables)')
    .option('--sql <path>', 'SQL file or migrations folder, loaded into an embedded PostgreSQL (repeatable)', collect, [])
    .option('--schema <name>', 'only this schema (repeatable; default: every user schema)', collect, [])
    .option('--views', 'include views and materialized views, joined to the tables they read', false)
    .option('--include <glob>', 'only tables whose schema.table matches (repeatable)', collect, [])
    .option('--exclude <glob>', 'leave out tables whose schema.table matches (repeatable)', collect, [])
    .option('--focus <table>', 'only this table and its neighbours (see --depth)')
    .option('--depth <n>', 'foreign-key hops around --focus', integer(0), 1)
    .addOption(new Option('--columns <which>', 'columns to draw').choices(['all', 'keys']).default('all'))
    .option('--max-columns <n>', 'at most n column rows per table, then "… k more"', integer(1))
    .addOption(new Option('--direction <dir>', 'main direction of the layout').choices(['right', 'down']).default('right'))
    .option(
      '--out <file>',
      'write a file; the name says the format: .json (schema model), .layout.json, .svg, .html (repeatable)',
      collect,
      [],
    )
    .option('--board <id-or-url>', 'Miro board to keep current (default: create a new board)')
    .option('--board-name <name>', 'name of the board to create when --board is not given')
    .option('--token <token>', 'Miro access token (default: MIRO_ACCESS_TOKEN, then the stored login)')
    .option('--no-prune', 'keep tables on the board that are gone from the schema')
    .option('--relayout', 'move every table to its computed place, even ones a user moved', false)
    .option('--dry-run', 'print what would change on the board, change nothing', false)
    .option('-q, --quiet', 'no progress on stderr (the result and errors still print)', false)
    .option('--config <file>', `config file (default: ${CONFIG_FILE_NAME} in the working folder, when there)`)
    .option('--summary <file>', 'write a Markdown summary of the run (e.g. "$GITHUB_STEP_SUMMARY")')
    .option('--json', 'print a machine-readable result on stdout instead of text', false)
    .option('--check', `exit ${ExitCode.outOfSync} when the board is not in sync with the schema; write nothing`, false)
    .option('--exit-code', `exit ${ExitCode.changed} (not 0) when the run changed the board's schema`, false)
    .option('--change-label <text>', 'what changed tables are marked with (default: the last migration of --sql, else the date)')
    .option('--lock-wait <seconds>', `how long to wait for another run on the same board (default ${DEFAULT_LOCK_WAIT_SECONDS})`, integer(0))
    .option('--load-timeout <seconds>', `stop loading --sql files after this long, naming the running statement (default ${DEFAULT_LOAD_TIMEOUT_SECONDS})`, integer(1));
}

const LIBPQ_VARIABLES = ['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGSERVICE'];

/** Checks the flags together and turns them into what the pipeline reads. */
export function toRunOptions(flags: RawFlags, env: NodeJS.ProcessEnv, fromConfig: ConfigOnlyOptions = {}): RunOptions {
  const source = sourceOf(flags, env);
  const outputs = flags.out.map(outputTarget);
  if (flags.check && flags.board === undefined) {
    throw new SchemaToMiroError('usage', '--check needs the board to compare with: give --board <id or URL> (or "board" in the config file)');
  }
  if (flags.check && flags.dryRun) throw new SchemaToMiroError('usage', 'give either --check or --dry-run, not both');
  if (flags.boardName !== undefined) checkBoardName(flags.boardName);
  if (flags.changeLabel !== undefined && flags.changeLabel.trim() === '') {
    throw new SchemaToMiroError('usage', '--change-label needs a text, such as a migration name');
  }
  const wantsBoard =
    flags.board !== undefined || flags.boardName !== undefined || flags.dryRun || flags.check || outputs.length === 0;
  return {
    source,
    schemas: flags.schema,
    views: flags.views,
    include: flags.include,
    exclude: flags.exclude,
    ...(flags.focus !== undefined ? { focus: flags.focus } : {}),
    depth: flags.depth,
    columns: flags.columns,
    ...(flags.maxColumns !== undefined ? { maxColumns: flags.maxColumns } : {}),
    direction: flags.direction,
    outputs,
    miro: wantsBoard
      ? {
          ...(flags.board !== undefined ? { boardId: parseBoardId(flags.board) } : {}),
          ...(flags.boardName !== undefined ? { boardName: flags.boardName } : {}),
          ...(env.MIRO_TEAM_ID ? { teamId: env.MIRO_TEAM_ID } : {}),
          ...(flags.token !== undefined ? { token: flags.token } : {}),
          prune: flags.prune,
          relayout: flags.relayout,
          dryRun: flags.dryRun,
          check: flags.check,
          ...(flags.changeLabel !== undefined ? { changeLabel: flags.changeLabel.trim() } : {}),
          lockWaitSeconds: flags.lockWait ?? DEFAULT_LOCK_WAIT_SECONDS,
        }
      : null,
    quiet: flags.quiet,
    colors: fromConfig.colors ?? {},
    diagrams: fromConfig.diagrams ?? [],
    ...(flags.summary !== undefined ? { summaryPath: flags.summary } : {}),
    json: flags.json,
    exitOnChange: flags.exitCode,
  };
}

/** Settings only a config file can hold (they have no flag). */
export interface ConfigOnlyOptions {
  colors?: Record<string, string>;
  diagrams?: NamedDiagramConfig[];
}

function sourceOf(flags: RawFlags, env: NodeJS.ProcessEnv): SourceSpec {
  if (flags.db !== undefined && flags.sql.length > 0) {
    throw new SchemaToMiroError('usage', 'give either --db or --sql, not both');
  }
  if (flags.sql.length > 0) return { kind: 'sql', paths: flags.sql, ...(flags.loadTimeout !== undefined ? { loadTimeoutSeconds: flags.loadTimeout } : {}) };
  if (flags.db !== undefined) return { kind: 'database', url: flags.db };
  if (env.DATABASE_URL) return { kind: 'database', url: env.DATABASE_URL };
  if (LIBPQ_VARIABLES.some((name) => env[name])) return { kind: 'database' };
  throw new SchemaToMiroError(
    'usage',
    'no schema source: give --db <postgres://...> (or set DATABASE_URL or PG* variables), or --sql <file or folder>',
  );
}
