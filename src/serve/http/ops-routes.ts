/** Health (the process answers), readiness (store and queue answer) and Prometheus metrics. */
import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';

export function registerOpsRoutes(app: FastifyInstance, ctx: ServeContext): void {
  const unlimited = { config: { rateLimit: false } };
  app.get('/healthz', unlimited, async () => ({ ok: true }));
  app.get('/readyz', unlimited, async (req, reply) => {
    try {
      await ctx.store.ping();
      const queued = await ctx.queue.depth();
      return { ok: true, store: ctx.store.kind, queued };
    } catch (error) {
      req.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'not ready');
      return reply.code(503).send({ ok: false });
    }
  });
  app.get('/metrics', unlimited, async (_req, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}
