/**
 * The HTTP side of `serve` (Fastify): identity and CSRF, per-person rate limits, schema-validated and
 * size-limited bodies, and the routes. `/app` is left free for the board app (Miro Web SDK panel).
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { isSchemaToMiroError, type ErrorKind } from '../../errors.js';
import type { ServeContext } from '../context.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerBoardRoutes } from './board-routes.js';
import { registerHookRoutes } from './hook-routes.js';
import { registerIdentity } from './identity.js';
import { registerOpsRoutes } from './ops-routes.js';
import { registerPageRoutes } from './page-routes.js';

const BODY_LIMIT = 16 * 1024;

const STATUS_OF: Record<ErrorKind, number> = { usage: 400, database: 502, sql: 502, miro_auth: 401, miro: 502, output: 500, cancelled: 503 };

export async function buildApp(ctx: ServeContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // Unknown keys are refused, not silently dropped: a request can never smuggle a URL or a path in.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    trustProxy: false,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  registerIdentity(app, ctx);
  await app.register(rateLimit, {
    max: ctx.settings.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.person !== null ? `person:${req.person.id}` : `ip:${req.ip}`),
  });

  app.setErrorHandler((error, req, reply) => {
    if (isSchemaToMiroError(error)) return reply.code(STATUS_OF[error.kind]).send({ error: error.message });
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status < 500) return reply.code(status).send({ error: error instanceof Error ? error.message : 'bad request' });
    req.log.error({ error: error instanceof Error ? error.message : String(error) }, 'request failed');
    return reply.code(500).send({ error: 'internal error' });
  });

  registerOpsRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerBoardRoutes(app, ctx);
  registerPageRoutes(app, ctx);
  await registerHookRoutes(app, ctx);
  return app;
}
