/** What the HTTP routes and the runner share in one `serve` process. */
import type { Logger } from 'pino';
import type { DatabaseTokenStore } from './auth/database-token-store.js';
import type { ServeMetrics } from './ops/metrics.js';
import type { SyncQueue } from './queue/sync-queue.js';
import type { ServeSettings } from './settings.js';
import type { ServeStore } from './store/open-store.js';

export interface ServeContext {
  settings: ServeSettings;
  store: ServeStore;
  tokens: DatabaseTokenStore;
  queue: SyncQueue;
  metrics: ServeMetrics;
  log: Logger;
  env: NodeJS.ProcessEnv;
}
