/**
 * `POST /hooks/:source`, for CI and deploys: a signed request queues a sync of every board linked to the
 * source, each run with its linker's Miro login. The body may name what changed (`{"label": "…"}`), which
 * marks the changed tables.
 */
import type { FastifyInstance } from 'fastify';
import { checkHook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../auth/hook-signature.js';
import type { ServeContext } from '../context.js';
import { queueRun } from '../runner/queue-run.js';

const HOOK_BODY_LIMIT = 64 * 1024;
const MAX_LABEL = 120;

export async function registerHookRoutes(app: FastifyInstance, ctx: ServeContext): Promise<void> {
  await app.register(async (hooks) => {
    // The signature covers the bytes as sent: keep them raw, whatever the content type says.
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    hooks.post<{ Params: { source: string }; Body: Buffer | undefined }>(
      '/hooks/:source',
      { schema: { params: { type: 'object', properties: { source: { type: 'string', maxLength: 64 } }, required: ['source'] } } },
      async (req, reply) => {
        const source = ctx.settings.sources.get(req.params.source);
        if (source === undefined || source.hookSecret === null) return reply.code(404).send({ error: 'no webhook for this source' });
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const header = (name: string) => {
          const value = req.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        const check = checkHook(source.hookSecret, { signature: header(SIGNATURE_HEADER), timestamp: header(TIMESTAMP_HEADER) }, body);
        if (check !== 'ok') {
          req.log.warn({ source: source.name, check }, 'webhook refused');
          return reply.code(401).send({ error: check === 'stale' ? 'the timestamp is outside the 5-minute window' : 'bad or missing signature' });
        }
        const label = labelOf(body);
        const links = await ctx.store.db.selectFrom('links').select(['id', 'board_id']).where('source', '=', source.name).orderBy('id').execute();
        const runs = [];
        for (const link of links) runs.push({ boardId: link.board_id, runId: (await queueRun(ctx.store.db, ctx.queue, link.id, 'hook', label)).runId });
        return reply.code(202).send({ source: source.name, runs });
      },
    );
  });
}

function labelOf(body: Buffer): string | null {
  if (body.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const label = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['label'] : undefined;
    if (typeof label !== 'string' || label.trim() === '') return null;
    return label.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL);
  } catch {
    return null;
  }
}
