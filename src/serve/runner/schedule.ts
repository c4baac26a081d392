/**
 * Links with `every` are synced on a schedule. Each process looks now and then; claiming a due link moves
 * its next time forward in the same statement, so among several processes one queues it.
 */
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { ServeContext } from '../context.js';
import { queueRun } from './queue-run.js';


export function startSchedule(ctx: ServeContext, log: Logger): () => void {
  // As often as the workers look for jobs, a little less: one cheap statement.
  const lookEveryMs = Math.max(1000, ctx.settings.pollSeconds * 2000);
  const look = async (): Promise<void> => {
    const due = await ctx.store.db
      .updateTable('links')
      .set({ next_due_at: sql<Date>`now() + make_interval(secs => every_seconds)` })
      .where('every_seconds', 'is not', null)
      .where('next_due_at', '<=', new Date())
      .returning('id')
      .execute();
    for (const link of due) await queueRun(ctx.store.db, ctx.queue, link.id, 'schedule');
  };
  const timer = setInterval(() => {
    look().catch((error: unknown) => log.warn({ error: error instanceof Error ? error.message : String(error) }, 'schedule look failed'));
  }, lookEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
