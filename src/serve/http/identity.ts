/**
 * Who is asking: a personal API token (`Authorization: Bearer s2m_…`, for scripts) or the browser's
 * session cookie. Browser requests that change something must come from the service's own origin
 * (the `Origin` header), which is what stops another site from posting with the person's cookie.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret, randomSecret } from '../auth/secrets.js';
import type { ServeContext } from '../context.js';

export interface Person {
  id: number;
  miroUserId: string;
  miroTeamId: string;
  userName: string | null;
  teamName: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    person: Person | null;
    /** Hash of the session cookie's value, when the request carried a live session. */
    sessionHash: string | null;
    /** True when the person was recognised by an API token (no CSRF check: not an ambient credential). */
    viaApiToken: boolean;
  }
}

export const SESSION_COOKIE = 's2m_session';
const SESSION_DAYS = 30;
export const API_TOKEN_PREFIX = 's2m_';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerIdentity(app: FastifyInstance, ctx: ServeContext): void {
  app.decorateRequest('person', null);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('viaApiToken', false);
  const db = ctx.store.db;
  // "Last used" is for the person's page, to the minute: one write per token and minute, not per request.
  const lastNoted = new Map<number, number>();
  const noteUse = (tokenId: number): void => {
    const now = Date.now();
    if (now - (lastNoted.get(tokenId) ?? 0) < 60_000) return;
    lastNoted.set(tokenId, now);
    void db.updateTable('api_tokens').set({ last_used_at: new Date(now) }).where('id', '=', tokenId).execute().catch(() => undefined);
  };
  const people = () => db.selectFrom('people').select(['people.id', 'people.miro_user_id', 'people.miro_team_id', 'people.user_name', 'people.team_name']);

  app.addHook('onRequest', async (req) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) {
      const row = await people()
        .innerJoin('api_tokens', 'api_tokens.person_id', 'people.id')
        .select('api_tokens.id as token_id')
        .where('api_tokens.token_hash', '=', hashSecret(bearer))
        .executeTakeFirst();
      if (row !== undefined) {
        req.person = personOf(row);
        req.viaApiToken = true;
        noteUse(row.token_id);
      }
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie === undefined) return;
    const hash = hashSecret(cookie);
    const session = await db.selectFrom('sessions').select(['person_id']).where('id_hash', '=', hash).where('expires_at', '>', new Date()).executeTakeFirst();
    if (session === undefined) return;
    req.sessionHash = hash;
    if (session.person_id !== null) {
      const row = await people().where('people.id', '=', session.person_id).executeTakeFirst();
      if (row !== undefined) req.person = personOf(row);
    }
  });

  app.addHook('preHandler', async (req, reply) => {
    if (!UNSAFE_METHODS.has(req.method) || req.viaApiToken || req.url.startsWith('/hooks/')) return;
    if (req.headers.origin !== ctx.settings.publicOrigin) {
      return reply.code(403).send({ error: 'cross-site request refused: the Origin header must be this service\'s own address' });
    }
  });
}

/** Starts a new session (a new id at sign-in, so that a session fixed before it is worth nothing). */
export async function startSession(ctx: ServeContext, reply: FastifyReply, personId: number | null): Promise<string> {
  const value = randomSecret();
  const hash = hashSecret(value);
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await ctx.store.db.insertInto('sessions').values({ id_hash: hash, person_id: personId, expires_at: expires }).execute();
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.settings.secureCookies,
    path: '/',
    expires,
  });
  return hash;
}

export function requirePerson(req: FastifyRequest, reply: FastifyReply): Person | null {
  if (req.person !== null) return req.person;
  void reply.code(401).send({ error: 'sign in first: open /auth/miro, or send a personal API token as Authorization: Bearer …' });
  return null;
}

function personOf(row: { id: number; miro_user_id: string; miro_team_id: string; user_name: string | null; team_name: string | null }): Person {
  return { id: row.id, miroUserId: row.miro_user_id, miroTeamId: row.miro_team_id, userName: row.user_name, teamName: row.team_name };
}
