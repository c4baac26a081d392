/**
 * A lock on a board, so two runs (two CI jobs after two merges) never write one board at once.
 *
 * Miro has no locking primitive, so the lock is a small text item on the board itself: a run writes one
 * naming its run id and an expiry, lists the board's texts again and holds the lock when its text is the
 * oldest unexpired lock there (earliest creation, then lowest id: every run sees the same order). A run
 * that lost deletes its text and waits, up to `waitSeconds`, then stops with a message naming the other
 * run. The holder renews its text's expiry while it works (a long sync keeps its lock) and deletes it at
 * the end; one left by a killed run expires and is removed by the next.
 */
import { randomUUID } from 'node:crypto';
import { SchemaToMiroError } from '../errors.js';
import type { MiroGenericItem } from '../miro/openapi/index.js';
import type { Point } from '../model/layout.js';
import { canonicalMiroText } from './item-text.js';
import { compareStrings } from '../util/compare.js';
import { compareIds } from './board-state.js';
import type { SyncClient } from './miro-port.js';

export interface BoardLockOptions {
  /** How long to wait for another run's lock before giving up; 0: stop at once. */
  waitSeconds: number;
  /** After this long a lock counts as left by a killed run and is removed. Default 15 minutes. */
  ttlSeconds?: number;
  /** Names this run in the lock text; default a random id. */
  runId?: string;
  /** Where the lock text goes on the board (above the diagram, where people look). */
  at?: Point;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Time between two looks at a busy board. Default 2 s. */
  pollMs?: number;
  /** A cancel stops the wait for another run's lock. */
  signal?: AbortSignal;
}

export interface HeldBoardLock {
  runId: string;
  itemId: string;
  release(): Promise<void>;
}

export interface LockText {
  itemId: string;
  runId: string;
  expiresAt: number;
  createdAt: string;
}

const DEFAULT_TTL_SECONDS = 15 * 60;
/** The holder renews its lock every third of its time to live: two chances before it could lapse. */
const RENEW_FRACTION = 1 / 3;
const DEFAULT_POLL_MS = 2000;
const LOCK_HEADLINE = 'schema-to-miro is updating this board';
const LOCK_PATTERN = /^schema-to-miro is updating this board\nrun (\S+) until (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)$/;

/** The lock's text content: readable by people on the board, and parsed back by `readLockText`. */
export function lockContent(runId: string, expiresAt: number): string {
  return `<p>${LOCK_HEADLINE}</p><p>run ${runId} until ${new Date(expiresAt).toISOString()}</p>`;
}

/** The lock a text item stands for, or null when it is not a lock. */
export function readLockText(item: MiroGenericItem): LockText | null {
  if (item.type !== 'text') return null;
  const content = (item.data as { content?: string } | undefined)?.content;
  const match = LOCK_PATTERN.exec(canonicalMiroText(content));
  if (match === null) return null;
  return { itemId: item.id, runId: match[1]!, expiresAt: Date.parse(match[2]!), createdAt: item.createdAt ?? '' };
}

export function isLockItem(item: MiroGenericItem): boolean {
  return readLockText(item) !== null;
}

export async function acquireBoardLock(client: SyncClient, boardId: string, options: BoardLockOptions): Promise<HeldBoardLock> {
  const now = options.now ?? Date.now;
  const ttlMs = (options.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
  const runId = options.runId ?? randomUUID().slice(0, 8);
  const at = options.at ?? { x: 0, y: 0 };
  const waiter = lockWaiter(boardId, options, 'nothing was written: run again later, or wait longer with --lock-wait <seconds>');

  for (;;) {
    const holder = await liveHolder(client, boardId, now());
    if (holder === null) {
      const created = await client.createText(boardId, {
        data: { content: lockContent(runId, now() + ttlMs) },
        position: { x: at.x, y: at.y },
        geometry: { width: 420 },
      });
      const winner = await liveHolder(client, boardId, now());
      if (winner !== null && winner.itemId === created.id) return holdLock(client, boardId, created.id, runId, ttlMs, now);
      // Another run wrote its lock first: step back and wait like any other waiter.
      await client.deleteItem(boardId, created.id);
      if (winner !== null) await waiter(winner);
      continue;
    }
    await waiter(holder);
  }
}

/**
 * For `--check`: waits (as a writer would) until no other run holds the board's lock, so a board another
 * run is half-way through writing is never compared; stops with exit 6 when the wait runs out.
 */
export async function waitWhileLocked(client: SyncClient, boardId: string, options: BoardLockOptions): Promise<boolean> {
  const now = options.now ?? Date.now;
  const waiter = lockWaiter(boardId, options, 'it was not compared (--check reads only a board no run is writing): run again when that run is done');
  let waited = false;
  for (let holder = await liveHolder(client, boardId, now()); holder !== null; holder = await liveHolder(client, boardId, now())) {
    await waiter(holder);
    waited = true;
  }
  return waited;
}

/** The held lock: renewed before it expires, released (timer stopped, text deleted) at the end. */
function holdLock(client: SyncClient, boardId: string, itemId: string, runId: string, ttlMs: number, now: () => number): HeldBoardLock {
  const renew = (): void => {
    // A failed renewal is retried at the next tick; the lock only lapses if every one fails.
    void client.updateText(boardId, itemId, { data: { content: lockContent(runId, now() + ttlMs) } }).catch(() => undefined);
  };
  const timer = setInterval(renew, Math.max(10, Math.round(ttlMs * RENEW_FRACTION)));
  timer.unref();
  return {
    runId,
    itemId,
    release: async () => {
      clearInterval(timer);
      await client.deleteItem(boardId, itemId);
    },
  };
}

/** Waits one poll for another run's lock, or stops (wait over, or cancelled) with a message naming it. */
function lockWaiter(boardId: string, options: BoardLockOptions, consequence: string): (holder: LockText) => Promise<void> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const giveUpAt = now() + options.waitSeconds * 1000;
  return async (holder) => {
    if (options.signal?.aborted) throw new SchemaToMiroError('cancelled', `cancelled while waiting for board ${boardId}'s lock; nothing was written`);
    if (now() >= giveUpAt) {
      throw new SchemaToMiroError(
        'miro',
        `board ${boardId} is being updated by another schema-to-miro run (run ${holder.runId}, its lock expires at ${new Date(holder.expiresAt).toISOString()}); ` +
          `${consequence}. The lock is the text item ${holder.itemId} on the board; when no run is active, it may be deleted by hand`,
      );
    }
    await sleep(Math.min(pollMs, Math.max(0, giveUpAt - now())));
  };
}

/** The oldest unexpired lock on the board, after removing expired ones. */
async function liveHolder(client: SyncClient, boardId: string, at: number): Promise<LockText | null> {
  const locks = (await client.listItems(boardId, { type: 'text' }))
    .map(readLockText)
    .filter((lock): lock is LockText => lock !== null);
  const live: LockText[] = [];
  for (const lock of locks) {
    if (lock.expiresAt > at) live.push(lock);
    else await client.deleteItem(boardId, lock.itemId); // left by a run that was killed
  }
  live.sort((a, b) => compareStrings(a.createdAt, b.createdAt) || compareIds(a.itemId, b.itemId));
  return live[0] ?? null;
}
