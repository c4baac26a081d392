/**
 * Keeps a Miro board showing a scene: reads the board, recognises the items schema-to-miro made before,
 * plans the difference (plan.ts, pure) and writes only that (execute.ts). A second run on an unchanged
 * schema writes nothing; a run that was interrupted is completed by the next one.
 */
import { SchemaToMiroError } from '../errors.js';
import type { BoardScene } from '../model/scene.js';
import { acquireBoardLock, isLockItem, type BoardLockOptions, type HeldBoardLock } from './board-lock.js';
import { readBoardState, type BoardState } from './board-state.js';
import { expectedSeconds, planWrites, totalOf } from './costs.js';
import { executePlan, type SyncProgress } from './execute.js';
import type { MiroClientStats, SyncClient } from './miro-port.js';
import { planSync } from './plan.js';
import { planCounts, type SyncReport } from './report.js';

export type { SyncProgress, SyncPhase } from './execute.js';
export type { SyncReport, PlanCounts, KindCounts } from './report.js';
export type { SchemaChanges, SyncPlan } from './plan.js';
export type { SyncClient } from './miro-port.js';
export { formatPlan, formatSyncReport } from './report.js';
export { planSync } from './plan.js';
export { readBoardState } from './board-state.js';
export { acquireBoardLock, isLockItem, lockContent, readLockText, type BoardLockOptions, type HeldBoardLock } from './board-lock.js';

export interface SyncOptions {
  /** An existing board's id; absent: create a board. */
  boardId?: string;
  /** Name of the board to create; default: the diagram's title. */
  boardName?: string;
  /** Team to create the board in (`MIRO_TEAM_ID`); default: the token's team. */
  teamId?: string;
  /** Delete tables and relations gone from the schema; default true. */
  prune?: boolean;
  /** Move every table to where the layout puts it, even ones a user moved. */
  relayout?: boolean;
  /** Read the board and plan, write nothing. */
  dryRun?: boolean;
  /** Like `dryRun`, for `--check`: the report's `inSync` says whether the board matches the scene. */
  check?: boolean;
  /** Take the board's lock (board-lock.ts) before reading it, so two runs never write it at once. */
  lock?: BoardLockOptions;
  onProgress?: (progress: SyncProgress) => void;
  /** Write calls in flight at once; default 8 (the client's own limit). The client paces them to the credit budget. */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 8;
/** A typical round trip to api.miro.com, for the dry run's time estimate. */
const ESTIMATED_LATENCY_MS = 150;
/** Miro's limit on board names. */
const MAX_BOARD_NAME = 60;

export async function syncBoard(scene: BoardScene, client: SyncClient, options: SyncOptions): Promise<SyncReport> {
  const started = performance.now();
  const before = snapshot(client.stats);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const dryRun = (options.dryRun ?? false) || (options.check ?? false);

  let boardId: string | null = null;
  let boardUrl: string | null = null;
  let boardName: string | null = null;
  let created = false;
  let state: BoardState | undefined;
  let lock: HeldBoardLock | null = null;
  const readBoard = async (id: string): Promise<void> => {
    // The board's details and its content are read together: three round trips' latency become one.
    const [board, items, connectors] = await Promise.all([client.getBoard(id), client.listItems(id), client.listConnectors(id)]);
    boardId = board.id;
    boardUrl = board.viewLink ?? boardLink(board.id);
    boardName = board.name;
    // Lock texts (ours and other runs') are not part of the diagram, nor obstacles to place around.
    state = readBoardState(items.filter((item) => !isLockItem(item)), connectors);
  };
  if (options.boardId !== undefined) {
    await readBoard(options.boardId);
  } else {
    boardName = defaultBoardName(scene, options.boardName);
    state = readBoardState([], []);
    if (!dryRun) {
      const board = await client.createBoard({ name: boardName, ...(options.teamId ? { teamId: options.teamId } : {}) });
      boardId = board.id;
      boardUrl = board.viewLink ?? boardLink(board.id);
      created = true;
    }
  }

  const planOptions = { prune: options.prune ?? true, relayout: options.relayout ?? false };
  let plan = planSync(scene, state!, planOptions);
  let writes = planWrites(plan);
  let total = totalOf(writes.values());
  try {
    if (!dryRun && options.boardId !== undefined && options.lock !== undefined && total.calls > 0) {
      // Only a run that writes takes the lock (a run with nothing to do writes nothing at all), then
      // reads the board again: a run that held the lock before may have changed it.
      lock = await acquireBoardLock(client, options.boardId, { at: lockPlace(scene), ...options.lock });
      await readBoard(options.boardId);
      plan = planSync(scene, state!, planOptions);
      writes = planWrites(plan);
      total = totalOf(writes.values());
    }
    if (!dryRun && boardId !== null && total.calls > 0) {
      await executePlan(client, boardId, plan, state!, total.calls, {
        concurrency,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    }
  } finally {
    await lock?.release();
  }

  const after = snapshot(client.stats);
  return {
    boardId,
    boardUrl,
    boardName,
    created,
    dryRun,
    inSync: total.calls === 0,
    counts: planCounts(plan),
    planned: {
      byOperation: Object.fromEntries([...writes].sort(([a], [b]) => (a < b ? -1 : 1))),
      calls: total.calls,
      credits: total.credits,
      expectedSeconds: expectedSeconds(total, { latencyMs: ESTIMATED_LATENCY_MS, concurrency }),
    },
    apiCalls: after.calls - before.calls,
    writeCalls: after.writeCalls - before.writeCalls,
    credits: after.credits - before.credits,
    retries: after.retries - before.retries,
    rateLimitWaits: after.rateLimitWaits - before.rateLimitWaits,
    elapsedMs: Math.round(performance.now() - started),
    changes: plan.changes,
    unchanged: plan.unchanged,
    kept: plan.kept,
    foreign: plan.foreign,
    selfRelations: plan.selfRelations,
  };
}

/** Above the diagram's title, where people look first. */
function lockPlace(scene: BoardScene): { x: number; y: number } {
  return { x: Math.round(scene.title.box.x + 210), y: Math.round(scene.title.box.y - 80) };
}

function defaultBoardName(scene: BoardScene, requested: string | undefined): string {
  const name = (requested ?? scene.title.lines[0] ?? '').trim() || 'Database schema';
  if (requested !== undefined && [...name].length > MAX_BOARD_NAME) {
    throw new SchemaToMiroError('usage', `--board-name is ${[...name].length} characters long; Miro allows at most ${MAX_BOARD_NAME}`);
  }
  return [...name].slice(0, MAX_BOARD_NAME).join('');
}

export function boardLink(boardId: string): string {
  return `https://miro.com/app/board/${encodeURIComponent(boardId)}/`;
}

function snapshot(stats: MiroClientStats): MiroClientStats {
  return { calls: stats.calls, writeCalls: stats.writeCalls, credits: stats.credits, retries: stats.retries, rateLimitWaits: stats.rateLimitWaits };
}
