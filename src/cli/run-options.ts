/**
 * Everything the main command was asked to do, parsed and checked; run.ts turns it into the pipeline's options.
 */
import type { NamedDiagramConfig, RawFlags } from '../config/index.js';
import type { DeclaredRelationSpec } from '../model/relations.js';
import type { AreaRule } from '../model/diagram.js';
import type { SourceSpec } from '../source/index.js';
import type { OutputTarget } from './outputs.js';

/** The flags that reach the pipeline as they are, typed by their declarations (src/config/options.ts). */
type PlainFlags = Pick<
  RawFlags,
  'views' | 'include' | 'exclude' | 'focus' | 'depth' | 'columns' | 'maxColumns' | 'direction' | 'hubReferences' | 'quiet' | 'json' | 'inferRelations'
>;

export interface RunOptions extends PlainFlags {
  source: SourceSpec;
  /** `--schema` (repeatable). */
  schemas: string[];
  outputs: OutputTarget[];
  miro: MiroRunOptions | null;
  /** Header colour per schema (config file `colors`). */
  colors: Record<string, string>;
  /** Named subsets drawn as their own frames beside the whole schema (config file `diagrams`). */
  diagrams: NamedDiagramConfig[];
  /** Relations the database does not enforce (config file `relations`). */
  relations: DeclaredRelationSpec[];
  /** Named subject areas pinned by glob (config file `areas`). */
  areas: AreaRule[];
  /** `--summary`: a Markdown summary of the run goes there. */
  summaryPath?: string;
  /** `--exit-code`: a run that changed the board's schema exits with ExitCode.changed. */
  exitOnChange: boolean;
}

export interface MiroRunOptions {
  /** Existing board id (already parsed out of a URL); absent: create a board. */
  boardId?: string;
  boardName?: string;
  /** Link access of a new board (Miro's `policy.sharingPolicy.access`). */
  boardAccess: RawFlags['boardAccess'];
  teamId?: string;
  token?: string;
  prune: boolean;
  relayout: boolean;
  dryRun: boolean;
  /** `--check`: compare only; the run fails with ExitCode.outOfSync when the board differs. */
  check: boolean;
  /** `--change-label`: the mark on changed tables (default: last migration of --sql, else the date). */
  changeLabel?: string;
  /** How long to wait for another run's lock on the board. */
  lockWaitSeconds: number;
}
