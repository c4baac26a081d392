/**
 * One `serve` process: open (and migrate) the store, start the queue and its workers, listen. `stop()`
 * is what SIGTERM does: stop taking jobs, let the running syncs finish (or stop them cleanly, releasing
 * their board locks), close the listener and the store.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DatabaseTokenStore } from './auth/database-token-store.js';
import { TokenSealer } from './auth/sealing.js';
import type { ServeContext } from './context.js';
import { buildApp } from './http/app.js';
import { createLogger } from './ops/logger.js';
import { createMetrics } from './ops/metrics.js';
import { SyncQueue } from './queue/sync-queue.js';
import { runSyncJob, WORKER_ID } from './runner/run-job.js';
import { startSchedule } from './runner/schedule.js';
import type { ServeSettings } from './settings.js';
import { openStore } from './store/open-store.js';

export interface RunningServer {
  /** http://host:port, as listened on. */
  url: string;
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  log?: Logger;
}

/** How long SIGTERM waits for running syncs before the process goes anyway (their leases then run out). */
const DEFAULT_STOP_TIMEOUT_MS = 60_000;

export async function startServer(settings: ServeSettings, options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? createLogger(settings.logLevel);
  const sealer = new TokenSealer(settings.secret, settings.oldSecrets);
  const store = await openStore(settings.store, options.env);
  let queue: SyncQueue;
  try {
    const options = { leaseSeconds: settings.leaseSeconds, retries: settings.retries, pollSeconds: settings.pollSeconds };
    queue = await store.duringSetup(() => SyncQueue.start(store.queueDatabase, options, log));
  } catch (error) {
    await store.close();
    throw error;
  }
  const metrics = createMetrics(() => queue.depth());
  const ctx: ServeContext = { settings, store, tokens: new DatabaseTokenStore(store.db, sealer, settings.app.clientSecret), queue, metrics, log, env: options.env };
  const stopping = new AbortController();
  let app: FastifyInstance | null = null;
  let url: string;
  try {
    app = await buildApp(ctx);
    url = new URL(await app.listen({ host: settings.host, port: settings.port })).origin;
    await queue.work(settings.concurrency, (job) => runSyncJob({ ...ctx, db: store.db, stopping: stopping.signal }, job));
  } catch (error) {
    // Nothing may be left running: the process must be able to exit with the message.
    await queue.stop(1000).catch(() => undefined);
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
  const listening = app;
  const stopSchedule = startSchedule(ctx, log);
  log.info({ url, store: store.kind, worker: WORKER_ID }, 'schema-to-miro serve is listening');

  let stopped: Promise<void> | null = null;
  return {
    url,
    stop: (stopOptions = {}) =>
      (stopped ??= (async () => {
        stopSchedule();
        // Running syncs get half the time to finish; then they are asked to stop cleanly (lock removed).
        const timeoutMs = stopOptions.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
        const grace = setTimeout(() => stopping.abort(), timeoutMs / 2);
        await queue.stop(timeoutMs);
        clearTimeout(grace);
        await listening.close();
        await store.close();
        log.info('stopped');
      })()),
  };
}
