/**
 * Boards and runs of the person asking. Everything is looked up through the person's own links: a board
 * or run of someone else answers 404, exactly like one that does not exist.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { SchemaToMiroError } from '../../errors.js';
import { parseBoardId } from '../../miro/board-id.js';
import type { ServeContext } from '../context.js';
import { DIAGRAM_OPTIONS_SCHEMA, type DiagramOptions } from '../diagram-options.js';
import { miroAccessOf } from '../runner/miro-access.js';
import { createBoard, openBoard, readBoardContents } from '../runner/pipeline-adapter.js';
import { queueRun } from '../runner/queue-run.js';
import { isForm } from './auth-routes.js';
import { requirePerson, type Person } from './identity.js';
import { runView } from './run-view.js';

interface GenerateBody extends DiagramOptions {
  source: string;
  boardName?: string;
  board?: string;
  every?: string;
}

const EVERY = /^([1-9][0-9]{0,4})(m|h|d)$/;
const EVERY_UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;
const BOARD_PARAMS = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;

export function registerBoardRoutes(app: FastifyInstance, ctx: ServeContext): void {
  const db = ctx.store.db;
  const linkOf = (person: Person, boardId: string) =>
    db.selectFrom('links').selectAll().where('person_id', '=', person.id).where('board_id', '=', boardId).executeTakeFirst();
  const notFound = { error: 'no such board among yours' };

  app.post<{ Body: GenerateBody }>(
    '/boards/generate',
    {
      // The page's form sends its empty fields as "": for a form, an empty field is an absent one.
      preValidation: async (req) => {
        if (!isForm(req.headers['content-type']) || typeof req.body !== 'object' || req.body === null) return;
        const body = req.body as unknown as Record<string, unknown>;
        for (const key of Object.keys(body)) if (body[key] === '') delete body[key];
      },
      schema: {
        body: {
          type: 'object',
          required: ['source'],
          additionalProperties: false,
          properties: {
            source: { type: 'string', minLength: 1, maxLength: 64 },
            boardName: { type: 'string', minLength: 1, maxLength: 60 },
            board: { type: 'string', minLength: 1, maxLength: 300 },
            every: { type: 'string', pattern: EVERY.source },
            ...DIAGRAM_OPTIONS_SCHEMA,
          },
        },
      },
    },
    async (req, reply) => {
      const person = requirePerson(req, reply);
      if (person === null) return reply;
      const { source, boardName, board, every, ...diagram } = req.body;
      if (!ctx.settings.sources.has(source)) {
        const known = [...ctx.settings.sources.keys()].sort().join(', ') || 'none';
        throw new SchemaToMiroError('usage', `unknown source "${source}" (this server offers: ${known})`);
      }
      const miro = miroAccessOf(ctx.settings, ctx.tokens, { userId: person.miroUserId, teamId: person.miroTeamId });
      const target = board !== undefined ? await openBoard(miro, parseBoardId(board)) : await createBoard(miro, boardName ?? `${source} schema`);
      const everySeconds = every === undefined ? null : everyToSeconds(every);
      const values = {
        source,
        board_url: target.boardUrl,
        board_name: target.boardName,
        options: JSON.stringify(diagram),
        every_seconds: everySeconds,
        next_due_at: everySeconds === null ? null : new Date(Date.now() + everySeconds * 1000),
      };
      const link = await db
        .insertInto('links')
        .values({ person_id: person.id, board_id: target.boardId, ...values })
        .onConflict((c) => c.columns(['person_id', 'board_id']).doUpdateSet(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      const run = await queueRun(db, ctx.queue, link.id, 'request');
      if (isForm(req.headers['content-type'])) return reply.redirect('/', 303);
      return reply.code(202).send({ boardId: target.boardId, boardUrl: target.boardUrl, runId: run.runId });
    },
  );

  app.post<{ Params: { id: string } }>('/boards/:id/sync', { schema: { params: BOARD_PARAMS } }, async (req, reply) => {
    const person = requirePerson(req, reply);
    if (person === null) return reply;
    const link = await linkOf(person, req.params.id);
    if (link === undefined) return reply.code(404).send(notFound);
    const run = await queueRun(db, ctx.queue, link.id, 'request');
    if (isForm(req.headers['content-type'])) return reply.redirect('/', 303);
    return reply.code(202).send({ boardId: link.board_id, runId: run.runId });
  });

  app.get('/boards', async (req, reply) => {
    const person = requirePerson(req, reply);
    if (person === null) return reply;
    return { boards: await linkedBoards(ctx, person) };
  });

  app.get<{ Params: { id: string } }>('/boards/:id/items', { schema: { params: BOARD_PARAMS } }, async (req, reply) => {
    const person = requirePerson(req, reply);
    if (person === null) return reply;
    const link = await linkOf(person, req.params.id);
    if (link === undefined) return reply.code(404).send(notFound);
    const miro = miroAccessOf(ctx.settings, ctx.tokens, { userId: person.miroUserId, teamId: person.miroTeamId });
    return { boardId: link.board_id, ...(await readBoardContents(miro, link.board_id)) };
  });

  app.get<{ Params: { id: string } }>(
    '/runs/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } } },
    async (req, reply) => {
      const person = requirePerson(req, reply);
      if (person === null) return reply;
      const run = await db
        .selectFrom('runs')
        .innerJoin('links', 'links.id', 'runs.link_id')
        .selectAll('runs')
        .select(['links.board_id', 'links.source'])
        .where('runs.id', '=', req.params.id)
        .where('links.person_id', '=', person.id)
        .executeTakeFirst();
      if (run === undefined) return reply.code(404).send({ error: 'no such run among yours' });
      return runView(run);
    },
  );
}

export interface LinkedBoard {
  boardId: string;
  boardUrl: string;
  boardName: string | null;
  source: string;
  every: number | null;
  lastRun: ReturnType<typeof runView> | null;
}

/** The person's boards, newest first, each with its latest run. */
export async function linkedBoards(ctx: ServeContext, person: Person): Promise<LinkedBoard[]> {
  const db = ctx.store.db;
  const links = await db.selectFrom('links').selectAll().where('person_id', '=', person.id).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  if (links.length === 0) return [];
  const latest = await db
    .selectFrom('runs')
    .innerJoin('links', 'links.id', 'runs.link_id')
    .selectAll('runs')
    .select(['links.board_id', 'links.source'])
    .where('runs.link_id', 'in', links.map((l) => l.id))
    .where(({ eb, ref }) =>
      eb('runs.queued_at', '=', eb.selectFrom('runs as r').select(sql<Date>`max(r.queued_at)`.as('m')).whereRef('r.link_id', '=', ref('runs.link_id'))),
    )
    .execute();
  const byLink = new Map(latest.map((run) => [run.link_id, runView(run)]));
  return links.map((link) => ({
    boardId: link.board_id,
    boardUrl: link.board_url,
    boardName: link.board_name,
    source: link.source,
    every: link.every_seconds,
    lastRun: byLink.get(link.id) ?? null,
  }));
}

function everyToSeconds(every: string): number {
  const match = EVERY.exec(every)!;
  return Number(match[1]) * EVERY_UNIT_SECONDS[match[2] as keyof typeof EVERY_UNIT_SECONDS];
}
