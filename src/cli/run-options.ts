/**
 * Everything the main command was asked to do, parsed and checked; the pipeline reads only this.
 */
import type { NamedDiagramConfig } from '../config/index.js';
import type { SourceSpec } from '../source/index.js';
import type { OutputTarget } from './outputs.js';

export interface RunOptions {
  source: SourceSpec;
  schemas: string[];
  views: boolean;
  include: string[];
  exclude: string[];
  focus?: string;
  depth: number;
  columns: 'all' | 'keys';
  maxColumns?: number;
  direction: 'right' | 'down';
  outputs: OutputTarget[];
  miro: MiroRunOptions | null;
  quiet: boolean;
  /** Header colour per schema (config file `colors`). */
  colors: Record<string, string>;
  /** Named subsets drawn as their own frames beside the whole schema (config file `diagrams`). */
  diagrams: NamedDiagramConfig[];
  /** `--summary`: a Markdown summary of the run goes there. */
  summaryPath?: string;
  /** `--json`: the result as JSON on stdout instead of text. */
  json: boolean;
  /** `--exit-code`: a run that changed the board's schema exits with ExitCode.changed. */
  exitOnChange: boolean;
}

export interface MiroRunOptions {
  /** Existing board id (already parsed out of a URL); absent: create a board. */
  boardId?: string;
  boardName?: string;
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
