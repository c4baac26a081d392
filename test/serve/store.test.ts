/**
 * The PostgreSQL store's setup when several `serve` processes start at once on a fresh database: the
 * tables' migrations and the queue's installation are serialised (without it PostgreSQL detects a deadlock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/serve/ops/logger.js';
import { SyncQueue } from '../../src/serve/queue/sync-queue.js';
import { openStore, type ServeStore } from '../../src/serve/store/open-store.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';

let database: FreshDatabase;

beforeAll(async () => {
  database = await freshDatabase('serve_setup');
});
afterAll(() => database?.drop());

describe('the store', () => {
  it('sets itself up once when four processes start together on a fresh database', async () => {
    const log = createLogger('silent');
    const started = await Promise.allSettled(
      Array.from({ length: 4 }, async () => {
        const store = await openStore({ kind: 'postgres', url: database.url }, process.env);
        const queue = await store.duringSetup(() => SyncQueue.start(store.queueDatabase, { leaseSeconds: 3, retries: 1, pollSeconds: 1 }, log));
        return { store, queue };
      }),
    );
    const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    for (const { store, queue } of running) {
      await queue.stop(1000);
      await (store as ServeStore).close();
    }
    expect(failures).toEqual([]);
    expect(running.length).toBe(4);
  });
});
