/**
 * Signing in with Miro (OAuth 2.0 authorization code flow, in the backend), and signing out.
 * A refused callback stores nothing: no person, no tokens, no session change.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildAuthorizeUrl } from '../../auth/authorize-url.js';
import { exchangeAuthorizationCode, fetchTokenInfo, revokeAccessToken } from '../../auth/miro-oauth-api.js';
import { loginFromGrant } from '../../auth/stored-login.js';
import { isSchemaToMiroError } from '../../errors.js';
import { createOAuthState, spendOAuthState, type StateCheck } from '../auth/oauth-state.js';
import type { ServeContext } from '../context.js';
import { SESSION_COOKIE, startSession } from './identity.js';

const REFUSALS: Record<Exclude<StateCheck, 'ok'>, string> = {
  missing: 'the answer from Miro carries no state',
  unknown: 'the answer from Miro carries a state this service did not make',
  replayed: 'this sign-in answer was already used',
  expired: 'the sign-in took longer than 10 minutes',
  'other-session': 'the sign-in was started in another browser session',
};

export function registerAuthRoutes(app: FastifyInstance, ctx: ServeContext): void {
  const { settings } = ctx;

  app.get('/auth/miro', async (req, reply) => {
    const sessionHash = req.sessionHash ?? (await startSession(ctx, reply, null));
    const state = await createOAuthState(ctx.store.db, sessionHash);
    return reply.redirect(buildAuthorizeUrl(settings.urls.authBaseUrl, { clientId: settings.app.clientId, redirectUri: settings.app.redirectUri, state }), 302);
  });

  app.get<{ Querystring: { code?: string; state?: string; error?: string } }>(
    '/auth/miro/callback',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            code: { type: 'string', maxLength: 2048 },
            state: { type: 'string', maxLength: 256 },
            error: { type: 'string', maxLength: 200 },
            error_description: { type: 'string', maxLength: 1000 },
            client_id: { type: 'string', maxLength: 100 },
            team_id: { type: 'string', maxLength: 100 },
          },
        },
      },
    },
    async (req, reply) => {
      const check = await spendOAuthState(ctx.store.db, req.query.state, req.sessionHash);
      if (check !== 'ok') return refuse(reply, `Sign-in refused: ${REFUSALS[check]}. Start again from the home page.`);
      if (req.query.error !== undefined) return refuse(reply, `Miro did not grant access (${req.query.error}). Start again from the home page.`);
      if (req.query.code === undefined) return refuse(reply, 'Sign-in refused: the answer from Miro carries no code.');
      try {
        const grant = await exchangeAuthorizationCode(settings.urls.apiBaseUrl, settings.app, req.query.code);
        const info = await fetchTokenInfo(settings.urls.apiBaseUrl, grant.accessToken, 'the sign-in');
        const login = loginFromGrant(settings.app, grant, info, Date.now());
        await ctx.tokens.forIdentity({ userId: info.user.id, teamId: info.team.id }).set(login);
        const person = await ctx.store.db
          .selectFrom('people')
          .select('id')
          .where('miro_user_id', '=', info.user.id)
          .where('miro_team_id', '=', info.team.id)
          .executeTakeFirstOrThrow();
        if (req.sessionHash !== null) await ctx.store.db.deleteFrom('sessions').where('id_hash', '=', req.sessionHash).execute();
        await startSession(ctx, reply, person.id);
        req.log.info({ personId: person.id }, 'signed in');
        return reply.redirect('/', 303);
      } catch (error) {
        if (!isSchemaToMiroError(error)) throw error;
        return refuse(reply, `Sign-in failed: ${error.message}`, 502);
      }
    },
  );

  app.post('/auth/logout', async (req, reply) => {
    const person = req.person;
    if (person !== null) {
      const store = ctx.tokens.forIdentity({ userId: person.miroUserId, teamId: person.miroTeamId });
      const login = await store.get(settings.app.clientId);
      if (login !== null) {
        // Revoking is best effort: the person is signed out here either way.
        await revokeAccessToken(settings.urls.apiBaseUrl, settings.app, login.accessToken).catch((error: unknown) => {
          req.log.warn({ error: isSchemaToMiroError(error) ? error.message : 'network error' }, 'token revocation failed');
        });
        await store.clear(settings.app.clientId);
      }
      await ctx.store.db.deleteFrom('sessions').where('person_id', '=', person.id).execute();
    } else if (req.sessionHash !== null) {
      await ctx.store.db.deleteFrom('sessions').where('id_hash', '=', req.sessionHash).execute();
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return isForm(req.headers['content-type']) ? reply.redirect('/', 303) : reply.code(204).send();
  });
}

export function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').startsWith('application/x-www-form-urlencoded');
}

function refuse(reply: FastifyReply, message: string, status = 400): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(message);
}
