/**
 * `GET /`: a small server-rendered page, no scripts, no external requests (the CSP forbids both): sign in,
 * your boards with their last run and its change summary, "Sync now", a new board from a source, and
 * personal API tokens for scripts (shown once, stored as a hash).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hashSecret, randomSecret } from '../auth/secrets.js';
import type { ServeContext } from '../context.js';
import { linkedBoards, type LinkedBoard } from './board-routes.js';
import { API_TOKEN_PREFIX, requirePerson, type Person } from './identity.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function registerPageRoutes(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/', async (req, reply) => {
    const person = req.person;
    if (person === null) return page(reply, `<p>Keep ER diagrams of your team's databases current on Miro boards.</p><p><a href="/auth/miro">Sign in with Miro</a></p>`);
    return page(reply, await homeOf(ctx, person, null));
  });

  app.post<{ Body: { name?: string } }>(
    '/tokens',
    { schema: { body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 80 } } } } },
    async (req, reply) => {
      const person = requirePerson(req, reply);
      if (person === null) return reply;
      const token = randomSecret(API_TOKEN_PREFIX);
      const name = req.body?.name ?? 'script';
      await ctx.store.db.insertInto('api_tokens').values({ person_id: person.id, name, token_hash: hashSecret(token) }).execute();
      if ((req.headers.accept ?? '').includes('application/json')) return reply.code(201).send({ name, token });
      return page(reply, await homeOf(ctx, person, { name, token }));
    },
  );
}

async function homeOf(ctx: ServeContext, person: Person, created: { name: string; token: string } | null): Promise<string> {
  const boards = await linkedBoards(ctx, person);
  const sources = [...ctx.settings.sources.keys()].sort();
  const tokens = await ctx.store.db.selectFrom('api_tokens').select(['name', 'created_at', 'last_used_at']).where('person_id', '=', person.id).orderBy('id').execute();
  return [
    `<p>Signed in as ${escape(person.userName ?? person.miroUserId)} (team ${escape(person.teamName ?? person.miroTeamId)}).</p>`,
    `<form method="post" action="/auth/logout"><button>Sign out</button></form>`,
    `<h2>Your boards</h2>`,
    boards.length === 0 ? '<p>No boards yet.</p>' : `<table><tr><th>Board</th><th>Source</th><th>Last run</th><th></th></tr>${boards.map(boardRow).join('')}</table>`,
    `<h2>New board</h2>`,
    sources.length === 0
      ? '<p>This server declares no sources.</p>'
      : `<form method="post" action="/boards/generate"><label>Source <select name="source">${sources.map((s) => `<option>${escape(s)}</option>`).join('')}</select></label> <label>Board name <input name="boardName" maxlength="60"></label> <button>Create and sync</button></form>`,
    `<h2>API tokens</h2>`,
    created === null ? '' : `<p>New token "${escape(created.name)}" (shown once): <code>${escape(created.token)}</code></p>`,
    tokens.length === 0 ? '' : `<ul>${tokens.map((t) => `<li>${escape(t.name)}, created ${iso(t.created_at)}${t.last_used_at ? `, last used ${iso(t.last_used_at)}` : ''}</li>`).join('')}</ul>`,
    `<form method="post" action="/tokens"><label>Name <input name="name" maxlength="80" required></label> <button>Create token</button></form>`,
  ].join('\n');
}

function boardRow(board: LinkedBoard): string {
  const run = board.lastRun;
  const changes = run?.result?.['changes'] as Record<string, string[]> | null | undefined;
  const summary =
    run === null
      ? 'never'
      : `${escape(run.status)}${run.error ? `: ${escape(run.error)}` : ''}${changes ? ` (${Object.entries(changes).filter(([, l]) => l.length > 0).map(([k, l]) => `${escape(k)} ${l.length}`).join(', ') || 'no changes'})` : ''}`;
  return `<tr><td><a href="${escape(board.boardUrl)}">${escape(board.boardName ?? board.boardId)}</a></td><td>${escape(board.source)}</td><td>${summary}</td><td><form method="post" action="/boards/${encodeURIComponent(board.boardId)}/sync"><button>Sync now</button></form></td></tr>`;
}

function page(reply: FastifyReply, body: string): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>schema-to-miro</title><style>body{font:15px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td,th{padding:.3rem .6rem;text-align:left}</style><h1>schema-to-miro</h1>\n${body}\n</html>`);
}

function iso(value: Date): string {
  return new Date(value).toISOString().slice(0, 16).replace('T', ' ');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
