/**
 * At most one sync per Miro board at a time, across every `serve` process on the store: a row per board
 * naming its holder until a time. The holder renews it while it works; a holder that was killed stops
 * renewing, and after `leaseSeconds` the next run takes the board over.
 */
import { sql, type Kysely } from 'kysely';
import type { ServeTables } from '../store/tables.js';

export interface HeldLease {
  /** Whether the last holder let its lease run out (it was killed mid-sync, or hung). */
  takenOver: boolean;
  release(): Promise<void>;
}

export async function tryLeaseBoard(db: Kysely<ServeTables>, boardId: string, holder: string, leaseSeconds: number): Promise<HeldLease | null> {
  const until = sql<Date>`now() + make_interval(secs => ${leaseSeconds})`;
  const previous = await db.selectFrom('board_leases').select(['holder']).where('board_id', '=', boardId).executeTakeFirst();
  const taken = await db
    .insertInto('board_leases')
    .values({ board_id: boardId, holder, expires_at: until })
    .onConflict((c) => c.column('board_id').doUpdateSet({ holder, expires_at: until }).where('board_leases.expires_at', '<', sql<Date>`now()`))
    .returning('holder')
    .executeTakeFirst();
  if (taken === undefined) return null;
  // Renew at a third of the lease: two missed renewals still leave time before anyone takes over.
  const timer = setInterval(() => {
    void db
      .updateTable('board_leases')
      .set({ expires_at: until })
      .where('board_id', '=', boardId)
      .where('holder', '=', holder)
      .execute()
      .catch(() => undefined);
  }, Math.max(500, (leaseSeconds * 1000) / 3));
  timer.unref();
  return {
    takenOver: previous !== undefined,
    release: async () => {
      clearInterval(timer);
      await db.deleteFrom('board_leases').where('board_id', '=', boardId).where('holder', '=', holder).execute();
    },
  };
}
