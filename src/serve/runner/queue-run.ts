/**
 * Asking for a sync: a run record, then a job. A request for a board that already has a run waiting is
 * answered with that run: it has not read the schema yet, so it will draw the newest one anyway.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SyncQueue } from '../queue/sync-queue.js';
import type { RunTrigger, ServeTables } from '../store/tables.js';

export interface QueuedRun {
  runId: string;
  /** True when an earlier waiting run was reused. */
  joined: boolean;
}

export async function queueRun(
  db: Kysely<ServeTables>,
  queue: SyncQueue,
  linkId: number,
  trigger: RunTrigger,
  label: string | null = null,
): Promise<QueuedRun> {
  const waiting = await db
    .selectFrom('runs')
    .select('id')
    .where('link_id', '=', linkId)
    .where('status', '=', 'queued')
    .where('attempts', '=', 0)
    .where('label', label === null ? 'is' : '=', label)
    .orderBy('queued_at')
    .executeTakeFirst();
  if (waiting !== undefined) return { runId: waiting.id, joined: true };
  const runId = randomUUID();
  await db.insertInto('runs').values({ id: runId, link_id: linkId, trigger, label, status: 'queued' }).execute();
  await queue.enqueue({ runId });
  return { runId, joined: false };
}
