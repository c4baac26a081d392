/**
 * Syncs wait in pg-boss, a maintained PostgreSQL-backed queue: jobs survive restarts, several `serve`
 * processes on one database share them (SKIP LOCKED), a job whose process stops answering expires after
 * the lease and is retried elsewhere, and failures are retried with growing pauses. The embedded store
 * runs the same queue through pg-boss's `db` adapter (see store/open-store.ts).
 *
 * At most one sync per board at a time is the runner's board lease (runner/board-lease.ts), not a queue
 * policy: pg-boss's singleton policies stop every worker at the head of the queue while that job's board
 * is busy, which would hold up all the other boards.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueDatabase } from '../store/open-store.js';

export const SYNC_QUEUE = 'board-sync';

export interface SyncJob {
  runId: string;
}

export interface SyncQueueOptions {
  /** A job not finished this long after it started is expired and retried by another worker. */
  leaseSeconds: number;
  retries: number;
  pollSeconds: number;
}

/** What a worker says about its job: done (finished or failed for good), or try again after a pause. */
export type JobOutcome = { kind: 'done' } | { kind: 'later'; afterSeconds: number };

export class SyncQueue {
  readonly #boss: PgBoss;
  readonly #options: SyncQueueOptions;
  readonly #workers: string[] = [];

  private constructor(boss: PgBoss, options: SyncQueueOptions) {
    this.#boss = boss;
    this.#options = options;
  }

  static async start(database: QueueDatabase, options: SyncQueueOptions, log: Logger): Promise<SyncQueue> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => database.executeSql(text, values) },
      schema: 'pgboss',
      schedule: false,
      supervise: true,
      // Expired jobs are found by maintenance: look often enough that a lease is not much overrun.
      maintenanceIntervalSeconds: Math.min(60, Math.max(1, Math.floor(options.leaseSeconds / 3))),
    });
    boss.on('error', (error: Error) => log.error({ err: { message: error.message } }, 'queue error'));
    await boss.start();
    try {
      const queue = { policy: 'standard', retryLimit: options.retries, retryDelay: 2, retryBackoff: true, expireInSeconds: options.leaseSeconds } as const;
      // Created once per database; settings changed in the config since then are applied.
      if ((await boss.getQueue(SYNC_QUEUE)) === null) await boss.createQueue(SYNC_QUEUE, { name: SYNC_QUEUE, ...queue });
      else await boss.updateQueue(SYNC_QUEUE, { name: SYNC_QUEUE, ...queue });
    } catch (error) {
      await boss.stop({ graceful: false, wait: true, close: false }).catch(() => undefined);
      throw error;
    }
    return new SyncQueue(boss, options);
  }

  async enqueue(job: SyncJob, afterSeconds = 0): Promise<void> {
    await this.#boss.send(SYNC_QUEUE, job, afterSeconds > 0 ? { startAfter: afterSeconds } : {});
  }

  /**
   * Starts `count` workers. A handler that throws has its job retried by pg-boss (with backoff, up to
   * `retries`); one that answers `later` has its job queued again without spending a retry.
   */
  async work(count: number, handler: (job: SyncJob) => Promise<JobOutcome>): Promise<void> {
    for (let i = 0; i < count; i++) {
      const id = await this.#boss.work<SyncJob>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.#options.pollSeconds }, async ([job]) => {
        if (job === undefined) return;
        const outcome = await handler(job.data);
        if (outcome.kind === 'later') await this.enqueue(job.data, outcome.afterSeconds);
      });
      this.#workers.push(id);
    }
  }

  /** Jobs waiting (created or to be retried), for /metrics. */
  depth(): Promise<number> {
    return this.#boss.getQueueSize(SYNC_QUEUE);
  }

  /** Stops taking jobs; waits up to `timeoutMs` for running ones to finish. */
  async stop(timeoutMs: number): Promise<void> {
    for (const id of this.#workers.splice(0)) await this.#boss.offWork({ id });
    await this.#boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
  }
}
