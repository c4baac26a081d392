/**
 * One queued sync, start to finish: take the board's lease (or come back later), record the attempt,
 * run the pipeline with the linker's Miro login, record the result. A failure Miro may get over (5xx,
 * retries exhausted, the board locked by another run) is retried by the queue with growing pauses; any
 * other failure ends the run with its one-line message.
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { isSchemaToMiroError } from '../../errors.js';
import type { ServeContext } from '../context.js';
import type { JobOutcome, SyncJob } from '../queue/sync-queue.js';
import type { ServeTables } from '../store/tables.js';
import { diagramOptionsOf } from '../diagram-options.js';
import { tryLeaseBoard } from './board-lease.js';
import { pruneRuns } from './prune-runs.js';
import { miroAccessOf } from './miro-access.js';
import { syncSourceToBoard } from './pipeline-adapter.js';

/** What a run needs of the process. */
export type RunnerContext = Pick<ServeContext, 'settings' | 'tokens' | 'metrics' | 'log' | 'env'> & {
  db: Kysely<ServeTables>;
  /** Aborted when the process stops and its grace period is over: running syncs stop cleanly. */
  stopping: AbortSignal;
};

/** Names this process in run records and leases. */
export const WORKER_ID = `${hostname()}:${process.pid}`;
/** A board busy with another run is looked at again after this long. */
const BUSY_RETRY_SECONDS = 1;

export async function runSyncJob(ctx: RunnerContext, job: SyncJob): Promise<JobOutcome> {
  const run = await ctx.db
    .selectFrom('runs')
    .innerJoin('links', 'links.id', 'runs.link_id')
    .innerJoin('people', 'people.id', 'links.person_id')
    .select(['runs.id', 'runs.status', 'runs.attempts', 'runs.label', 'links.board_id', 'links.source', 'links.options', 'people.miro_user_id', 'people.miro_team_id'])
    .where('runs.id', '=', job.runId)
    .executeTakeFirst();
  // Gone (the link was removed) or already finished (a copy of a job that outlived its lease).
  if (run === undefined || run.status === 'succeeded' || run.status === 'failed') return { kind: 'done' };

  const lease = await tryLeaseBoard(ctx.db, run.board_id, `${WORKER_ID}/${run.id}`, ctx.settings.leaseSeconds);
  if (lease === null) return { kind: 'later', afterSeconds: BUSY_RETRY_SECONDS };
  const attempt = run.attempts + 1;
  const started = performance.now();
  const log = ctx.log.child({ runId: run.id, boardId: run.board_id, attempt });
  try {
    await ctx.db.updateTable('runs').set({ status: 'running', attempts: attempt, started_at: new Date(), worker: WORKER_ID, error: null }).where('id', '=', run.id).execute();
    const source = ctx.settings.sources.get(run.source);
    if (source === undefined) return await finish(ctx, run.id, 'failed', null, `source "${run.source}" is no longer declared on this server`, started);
    log.info('sync started');
    const result = await syncSourceToBoard({
      source,
      diagram: diagramOptionsOf(run.options),
      drawing: ctx.settings.drawing,
      boardId: run.board_id,
      miro: miroAccessOf(ctx.settings, ctx.tokens, { userId: run.miro_user_id, teamId: run.miro_team_id }),
      lockRunId: `serve-${run.id}`,
      // An earlier attempt of this run that never released its lease died holding the board's lock.
      clearOwnLock: lease.takenOver && run.attempts > 0,
      lockWaitSeconds: 60,
      mark: run.label !== null ? `changed in ${run.label}` : `changed ${new Date().toISOString().slice(0, 10)}`,
      env: ctx.env,
      signal: ctx.stopping,
    });
    ctx.metrics.miroCalls.inc(result.miroCalls);
    ctx.metrics.miroCredits.inc(result.miroCredits);
    log.info({ status: result.status }, 'sync finished');
    return await finish(ctx, run.id, 'succeeded', result.json, null, started);
  } catch (error) {
    const message = !isSchemaToMiroError(error)
      ? `internal error: ${error instanceof Error ? error.message : String(error)}`
      : error.kind === 'miro_auth'
        ? // The auth stage speaks to a terminal user; here the board's owner signs in on the service.
          `Miro refused the login of the board's owner (${error.message.replace(/; run `schema-to-miro login` again$/, '')}): they need to sign in again at ${ctx.settings.publicOrigin}/auth/miro`
        : error.message;
    // Miro failing may pass; a sync stopped by the shutdown (lock removed, nothing half-done that the next run
    // does not complete) runs again elsewhere or after the restart.
    const mayRecover = isSchemaToMiroError(error) && (error.kind === 'miro' || error.kind === 'cancelled');
    if (mayRecover && attempt <= ctx.settings.retries) {
      log.warn({ error: message }, 'sync failed, will retry');
      await ctx.db.updateTable('runs').set({ status: 'queued', error: message }).where('id', '=', run.id).execute();
      throw new Error(message);
    }
    log.error({ error: message }, 'sync failed');
    return await finish(ctx, run.id, 'failed', null, message, started);
  } finally {
    await lease.release().catch(() => undefined);
  }
}

async function finish(
  ctx: RunnerContext,
  runId: string,
  status: 'succeeded' | 'failed',
  result: Record<string, unknown> | null,
  error: string | null,
  started: number,
): Promise<JobOutcome> {
  const finished = await ctx.db
    .updateTable('runs')
    .set({ status, result: result === null ? null : JSON.stringify(result), error, finished_at: new Date() })
    .where('id', '=', runId)
    .returning('link_id')
    .executeTakeFirst();
  if (finished !== undefined) await pruneRuns(ctx.db, finished.link_id, ctx.settings.keepRuns);
  const outcome = status === 'succeeded' ? String(result?.['status'] ?? 'succeeded') : 'error';
  ctx.metrics.runs.inc({ outcome });
  ctx.metrics.runDuration.observe({ outcome }, (performance.now() - started) / 1000);
  return { kind: 'done' };
}
