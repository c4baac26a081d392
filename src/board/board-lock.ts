/**
 * A lock on a board, so two runs (two CI jobs after two merges) never write one board at once.
 *
 * Miro has no locking primitive, so the lock is a small text item on the board itself: a run writes one
 * naming its run id and an expiry, lists the board's texts again and holds the lock when its text is the
 * oldest unexpired lock there (earliest creation, then lowest id: every run sees the same order). A run
 * that lost deletes its text and waits, up to `waitSeconds`, then stops with a message naming the other
 * run. The holder deletes its text at the end; one left by a killed run expires and is removed by the next.
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
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const ttlMs = (options.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const runId = options.runId ?? randomUUID().slice(0, 8);
  const giveUpAt = now() + options.waitSeconds * 1000;
  const at = options.at ?? { x: 0, y: 0 };

  for (;;) {
    const holder = await liveHolder(client, boardId, now());
    if (holder === null) {
      const created = await client.createText(boardId, {
        data: { content: lockContent(runId, now() + ttlMs) },
        position: { x: at.x, y: at.y },
        geometry: { width: 420 },
      });
      const winner = await liveHolder(client, boardId, now());
      if (winner !== null && winner.itemId === created.id) {
        return { runId, itemId: created.id, release: () => client.deleteItem(boardId, created.id) };
      }
      // Another run wrote its lock first: step back and wait like any other waiter.
      await client.deleteItem(boardId, created.id);
      if (winner !== null) await waitOrStop(winner);
      continue;
    }
    await waitOrStop(holder);
  }

  async function waitOrStop(holder: LockText): Promise<void> {
    if (now() >= giveUpAt) {
      throw new SchemaToMiroError(
        'miro',
        `board ${boardId} is being updated by another schema-to-miro run (run ${holder.runId}, its lock expires at ${new Date(holder.expiresAt).toISOString()}); ` +
          `nothing was written: run again later, or wait longer with --lock-wait <seconds>`,
      );
    }
    await sleep(Math.min(pollMs, Math.max(0, giveUpAt - now())));
  }
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
