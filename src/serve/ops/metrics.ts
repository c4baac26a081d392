/** Prometheus metrics of one `serve` process (prom-client, its own registry: several servers may share a process in tests). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServeMetrics {
  readonly registry: Registry;
  readonly runs: Counter<'outcome'>;
  readonly runDuration: Histogram<'outcome'>;
  readonly miroCalls: Counter;
  readonly miroCredits: Counter;
}

export function createMetrics(queueDepth: () => Promise<number>): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 's2m_process_' });
  const metrics: ServeMetrics = {
    registry,
    runs: new Counter({ name: 's2m_runs_total', help: 'Board syncs finished, by outcome', labelNames: ['outcome'], registers: [registry] }),
    runDuration: new Histogram({
      name: 's2m_run_duration_seconds',
      help: 'Time one board sync took, by outcome',
      labelNames: ['outcome'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    miroCalls: new Counter({ name: 's2m_miro_calls_total', help: 'Miro REST API calls made by syncs', registers: [registry] }),
    miroCredits: new Counter({ name: 's2m_miro_credits_total', help: 'Miro rate-limit credits spent by syncs', registers: [registry] }),
  };
  new Gauge({
    name: 's2m_queue_depth',
    help: 'Sync jobs waiting in the queue (created or to be retried)',
    registers: [registry],
    async collect() {
      this.set(await queueDepth().catch(() => Number.NaN));
    },
  });
  return metrics;
}
