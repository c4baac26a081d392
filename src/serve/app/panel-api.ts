/**
 * The panel's API under /app/api/, authenticated by the Web SDK's id token alone (a request without a
 * valid one answers 401). The id token names the Miro user and team; the person's Miro login is the one
 * stored by the SDK authorization, used here on the server and never sent to the browser. A person sees
 * and syncs only what they linked, as everywhere in the service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import { SchemaToMiroError } from '../../errors.js';
import type { MiroIdentity } from '../auth/database-token-store.js';
import type { ServeContext } from '../context.js';
import { linkBoard } from '../http/link-board.js';
import { miroAccessOf } from '../runner/miro-access.js';
import { openBoard, readBoardItemIds } from '../runner/pipeline-adapter.js';
import { queueRun } from '../runner/queue-run.js';
import type { RunsTable } from '../store/tables.js';
import { verifyIdToken } from './id-token.js';
import type { PanelBoard, PanelChanges, PanelItems, PanelRun, QueuedPanelRun } from './panel-contract.js';
import { sdkAuthorizeUrl } from './sdk-authorization.js';

export const PANEL_API_PREFIX = '/app/api';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Miro user and team of the panel's verified id token (routes under /app/api/ only). */
    miroIdentity: MiroIdentity | null;
  }
}

const BOARD_ID = { type: 'string', minLength: 1, maxLength: 100 } as const;
const BOARD_QUERY = { type: 'object', required: ['boardId'], additionalProperties: false, properties: { boardId: BOARD_ID } } as const;

/**
 * Rate limits count per Miro user and team here, not per address: a whole office behind one address opens
 * panels at once. The count is taken after the id token was verified (a request without one is answered
 * 401 before, at the cost of one HMAC).
 */
const PER_PERSON = {
  rateLimit: {
    hook: 'preHandler',
    keyGenerator: (req: FastifyRequest) => (req.miroIdentity !== null ? `miro:${req.miroIdentity.userId}:${req.miroIdentity.teamId}` : `ip:${req.ip}`),
  },
} as const;

interface PanelPerson {
  id: number;
  identity: MiroIdentity;
}

export async function registerPanelApi(app: FastifyInstance, ctx: ServeContext): Promise<void> {
  const db = ctx.store.db;
  const { clientId } = ctx.settings.app;

  await app.register(
    async (api) => {
      api.decorateRequest('miroIdentity', null);
      api.addHook('onRequest', async (req, reply) => {
        const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
        const check = token === undefined ? { ok: false as const, reason: 'the request carries no id token' } : await verifyIdToken(token, ctx.settings.app);
        if (!check.ok) {
          return reply.code(401).header('www-authenticate', 'Bearer').send({ error: `${check.reason}: the panel sends miro.board.getIdToken() as Authorization: Bearer …` });
        }
        req.miroIdentity = check.identity;
      });

      /** The person behind the id token, when serve holds their Miro login; null otherwise. */
      const personOf = async (req: FastifyRequest): Promise<PanelPerson | null> => {
        const identity = req.miroIdentity!;
        const row = await db
          .selectFrom('people')
          .innerJoin('logins', 'logins.person_id', 'people.id')
          .select('people.id')
          .where('people.miro_user_id', '=', identity.userId)
          .where('people.miro_team_id', '=', identity.teamId)
          .where('logins.client_id', '=', clientId)
          .executeTakeFirst();
        return row === undefined ? null : { id: row.id, identity };
      };
      const requireAuthorized = async (req: FastifyRequest, reply: FastifyReply): Promise<PanelPerson | null> => {
        const person = await personOf(req);
        if (person === null) void reply.code(403).send({ error: 'authorize schema-to-miro first (the panel shows how)' });
        return person;
      };
      const linkOf = (person: PanelPerson, boardId: string) =>
        db.selectFrom('links').selectAll().where('person_id', '=', person.id).where('board_id', '=', boardId).executeTakeFirst();
      const noLink = { error: 'this board is not connected to a source by you' };

      api.get<{ Querystring: { boardId: string } }>('/board', { schema: { querystring: BOARD_QUERY }, config: PER_PERSON }, async (req): Promise<PanelBoard> => {
        const person = await personOf(req);
        const sources = [...ctx.settings.sources.keys()].sort();
        const boardId = req.query.boardId;
        if (person === null) {
          return { boardId, authorized: false, authorizeUrl: sdkAuthorizeUrl(ctx, req.miroIdentity!.teamId), link: null, sources, lastRun: null };
        }
        const link = await linkOf(person, boardId);
        if (link === undefined) return { boardId, authorized: true, authorizeUrl: null, link: null, sources, lastRun: null };
        const run = await db.selectFrom('runs').selectAll().where('link_id', '=', link.id).orderBy('queued_at', 'desc').limit(1).executeTakeFirst();
        return {
          boardId,
          authorized: true,
          authorizeUrl: null,
          link: { source: link.source, boardName: link.board_name, boardUrl: link.board_url },
          sources,
          lastRun: run === undefined ? null : panelRun(run),
        };
      });

      api.post<{ Body: { boardId: string; source: string } }>(
        '/board/connect',
        { schema: { body: { type: 'object', required: ['boardId', 'source'], additionalProperties: false, properties: { boardId: BOARD_ID, source: { type: 'string', minLength: 1, maxLength: 64 } } } }, config: PER_PERSON },
        async (req, reply) => {
          const person = await requireAuthorized(req, reply);
          if (person === null) return reply;
          const { boardId, source } = req.body;
          if (!ctx.settings.sources.has(source)) {
            const known = [...ctx.settings.sources.keys()].sort().join(', ') || 'none';
            throw new SchemaToMiroError('usage', `unknown source "${source}" (this server offers: ${known})`);
          }
          // Opening the board with the person's own login proves they may edit it: the id token only says who they are.
          const board = await openBoard(miroAccessOf(ctx.settings, ctx.tokens, person.identity), boardId);
          const linkId = await linkBoard(db, person.id, board, { source, options: {}, everySeconds: null });
          const run = await queueRun(db, ctx.queue, linkId, 'request');
          return reply.code(202).send({ runId: run.runId } satisfies QueuedPanelRun);
        },
      );

      api.post<{ Body: { boardId: string } }>(
        '/board/sync',
        { schema: { body: { type: 'object', required: ['boardId'], additionalProperties: false, properties: { boardId: BOARD_ID } } }, config: PER_PERSON },
        async (req, reply) => {
          const person = await requireAuthorized(req, reply);
          if (person === null) return reply;
          const link = await linkOf(person, req.body.boardId);
          if (link === undefined) return reply.code(404).send(noLink);
          const run = await queueRun(db, ctx.queue, link.id, 'request');
          return reply.code(202).send({ runId: run.runId } satisfies QueuedPanelRun);
        },
      );

      api.get<{ Querystring: { boardId: string } }>('/board/items', { schema: { querystring: BOARD_QUERY }, config: PER_PERSON }, async (req, reply) => {
        const person = await requireAuthorized(req, reply);
        if (person === null) return reply;
        const link = await linkOf(person, req.query.boardId);
        if (link === undefined) return reply.code(404).send(noLink);
        return (await readBoardItemIds(miroAccessOf(ctx.settings, ctx.tokens, person.identity), link.board_id)) satisfies PanelItems;
      });

      api.get<{ Params: { id: string } }>(
        '/runs/:id',
        { schema: { params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } }, config: PER_PERSON },
        async (req, reply) => {
          const person = await requireAuthorized(req, reply);
          if (person === null) return reply;
          const run = await db
            .selectFrom('runs')
            .innerJoin('links', 'links.id', 'runs.link_id')
            .selectAll('runs')
            .where('runs.id', '=', req.params.id)
            .where('links.person_id', '=', person.id)
            .executeTakeFirst();
          if (run === undefined) return reply.code(404).send({ error: 'no such run among yours' });
          return panelRun(run);
        },
      );
    },
    { prefix: PANEL_API_PREFIX },
  );
}

function panelRun(run: Selectable<RunsTable>): PanelRun {
  const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
  const result = run.result;
  return {
    id: run.id,
    status: run.status,
    attempts: run.attempts,
    queuedAt: iso(run.queued_at),
    startedAt: iso(run.started_at),
    finishedAt: iso(run.finished_at),
    error: run.error,
    outcome: typeof result?.['status'] === 'string' ? result['status'] : null,
    changes: changesOf(result?.['changes']),
  };
}

const CHANGE_KINDS = ['tablesAdded', 'tablesRemoved', 'tablesChanged', 'relationsAdded', 'relationsRemoved', 'relationsChanged'] as const;

/** The run document's `changes`, read back from the store (the CLI's `--json` shape, null before a sync). */
function changesOf(stored: unknown): PanelChanges | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const record = stored as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as unknown[]).filter((v): v is string => typeof v === 'string') : []);
  return Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, list(kind)])) as unknown as PanelChanges;
}
