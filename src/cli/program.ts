/**
 * The command line: flags of the main command (declared in src/config/options.ts), turned into checked
 * `RunOptions`.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SchemaToMiroError } from '../errors.js';
import { parseBoardId } from '../miro/board-id.js';
import { MAX_BOARD_NAME } from '../miro/limits.js';
import type { DeclaredRelationSpec } from '../model/relations.js';
import type { SourceSpec } from '../source/index.js';
import type { AreaRule } from '../model/diagram.js';
import { DEFAULT_LOCK_WAIT_SECONDS, flagKey, OPTIONS, type NamedDiagramConfig, type OptionDeclaration, type RawFlags } from '../config/index.js';
import { outputTarget } from './outputs.js';
import type { RunOptions } from './run-options.js';

export type { RawFlags } from '../config/index.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

/** Declares every flag of the main command on `program`, from the option declarations (src/config/options.ts). */
export function addMainOptions(program: Command): Command {
  for (const declared of OPTIONS as readonly OptionDeclaration[]) {
    if (declared.flag !== undefined) program.addOption(commanderOption(declared.flag, declared));
  }
  return program;
}

function commanderOption(flag: string, declared: OptionDeclaration): Option {
  const option = new Option(flag, declared.help);
  switch (declared.type) {
    case 'strings':
      return option.argParser(collect).default([]);
    case 'boolean':
      // A negated flag (`--no-prune`) defaults to true by itself.
      return flag.startsWith('--no-') ? option : option.default(declared.default);
    case 'integer': {
      const parsed = option.argParser(integer(declared.min));
      return declared.default === undefined ? parsed : parsed.default(declared.default);
    }
    case 'choice':
      return option.choices(declared.choices).default(declared.default);
    default:
      return option;
  }
}

const LIBPQ_VARIABLES = ['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGSERVICE'];

/**
 * The flags a declared environment variable gives (`MIRO_BOARD` for `--board`) where the command line gave
 * none. Read from the run's own environment (not commander's `process.env`), so a caller's env is the one used.
 */
export function environmentFlags(env: NodeJS.ProcessEnv, typed: (flag: keyof RawFlags) => boolean): Partial<RawFlags> {
  const values: Record<string, string> = {};
  for (const declared of OPTIONS as readonly OptionDeclaration[]) {
    if (declared.env === undefined || declared.flag === undefined || declared.type !== 'string') continue;
    const key = flagKey(declared.flag);
    const value = env[declared.env]?.trim();
    if (value && !typed(key as keyof RawFlags)) values[key] = value;
  }
  return values as Partial<RawFlags>;
}

/** Checks the flags together and turns them into what the pipeline reads. */
export function toRunOptions(flags: RawFlags, env: NodeJS.ProcessEnv, fromConfig: ConfigOnlyOptions = {}): RunOptions {
  const source = sourceOf(flags, env);
  const outputs = flags.out.map(outputTarget);
  if (flags.check && flags.board === undefined) {
    throw new SchemaToMiroError('usage', '--check needs the board to compare with: give --board <id or URL> (or "board" in the config file)');
  }
  if (flags.check && flags.dryRun) throw new SchemaToMiroError('usage', 'give either --check or --dry-run, not both');
  if (flags.boardName !== undefined && [...flags.boardName.trim()].length > MAX_BOARD_NAME) {
    // The board stage checks this too, in its own words; here the message names the flag.
    throw new SchemaToMiroError('usage', `--board-name is ${[...flags.boardName.trim()].length} characters long; Miro allows at most ${MAX_BOARD_NAME}`);
  }
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
          boardAccess: flags.boardAccess,
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
    relations: fromConfig.relations ?? [],
    inferRelations: flags.inferRelations,
    areas: fromConfig.areas ?? [],
    hubReferences: flags.hubReferences,
    ...(flags.summary !== undefined ? { summaryPath: flags.summary } : {}),
    json: flags.json,
    exitOnChange: flags.exitCode,
  };
}

/** Settings only a config file can hold (they have no flag). */
export interface ConfigOnlyOptions {
  colors?: Record<string, string>;
  diagrams?: NamedDiagramConfig[];
  relations?: DeclaredRelationSpec[];
  areas?: AreaRule[];
}

/** The schema source the flags and environment name, or null when they name none. */
export function optionalSourceOf(flags: Pick<RawFlags, 'db' | 'sql' | 'loadTimeout'>, env: NodeJS.ProcessEnv): SourceSpec | null {
  if (flags.db !== undefined && flags.sql.length > 0) {
    throw new SchemaToMiroError('usage', 'give either --db or --sql, not both');
  }
  if (flags.sql.length > 0) return { kind: 'sql', paths: flags.sql, ...(flags.loadTimeout !== undefined ? { loadTimeoutSeconds: flags.loadTimeout } : {}) };
  if (flags.db !== undefined) return { kind: 'database', url: flags.db };
  if (env.DATABASE_URL) return { kind: 'database', url: env.DATABASE_URL };
  if (LIBPQ_VARIABLES.some((name) => env[name])) return { kind: 'database' };
  return null;
}

function sourceOf(flags: RawFlags, env: NodeJS.ProcessEnv): SourceSpec {
  const source = optionalSourceOf(flags, env);
  if (source !== null) return source;
  throw new SchemaToMiroError(
    'usage',
    'no schema source: give --db <postgres://...> (or set DATABASE_URL or PG* variables), or --sql <file or folder>',
  );
}
