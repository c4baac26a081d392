/**
 * Run records of a board beyond the newest `keep` finished ones are deleted: a board synced by a schedule
 * or on every deploy would otherwise grow its history without end. Queued and running records stay.
 */
import type { Kysely } from 'kysely';
import type { ServeTables } from '../store/tables.js';

const FINISHED = ['succeeded', 'failed'] as const;

export async function pruneRuns(db: Kysely<ServeTables>, linkId: number, keep: number): Promise<number> {
  const kept = db
    .selectFrom('runs')
    .select('id')
    .where('link_id', '=', linkId)
    .where('status', 'in', FINISHED)
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(keep);
  const deleted = await db
    .deleteFrom('runs')
    .where('link_id', '=', linkId)
    .where('status', 'in', FINISHED)
    .where('id', 'not in', kept)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
