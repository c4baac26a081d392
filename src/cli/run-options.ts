/**
 * Everything the main command was asked to do, parsed and checked; the pipeline reads only this.
 */
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
}
