/**
 * Authorization in one step, as Miro documents it for apps with a Web SDK side and a REST API side: the
 * app's redirect URI marked "Use this URI for SDK authorization" is this route. When a person authorizes
 * the app on a board, Miro sends them here with `code`, `client_id` and `team_id` (no `state`: Miro, not
 * this service, started the flow); the code is exchanged, the tokens sealed into the store under the
 * person's Miro user and team, and the browser sent back to Miro's `app-install-completed` address.
 * A refused code stores nothing and answers a page saying what to do.
 *
 * No session is started: the panel proves who it runs for with the SDK's id token, not a cookie, so a
 * code planted by someone else only ever stores that someone's own login.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildAuthorizeUrl } from '../../auth/authorize-url.js';
import { isSchemaToMiroError } from '../../errors.js';
import { storeLoginFromCode } from '../auth/login-from-code.js';
import { OAUTH_REDIRECT_QUERY, type OAuthRedirectQuery } from '../auth/oauth-redirect-query.js';
import type { ServeContext } from '../context.js';
import { appPage, escapeHtml } from './pages.js';

export const SDK_REDIRECT_PATH = '/app/authorized';

/** The redirect URI to enter in the Miro app settings (with "Use this URI for SDK authorization"). */
export function sdkRedirectUri(ctx: Pick<ServeContext, 'settings'>): string {
  return `${ctx.settings.publicOrigin}${SDK_REDIRECT_PATH}`;
}

/** Where the person goes to (re)authorize the app from the panel: Miro's consent page, answered here. */
export function sdkAuthorizeUrl(ctx: Pick<ServeContext, 'settings'>, teamId: string): string {
  return buildAuthorizeUrl(ctx.settings.urls.authBaseUrl, { clientId: ctx.settings.app.clientId, redirectUri: sdkRedirectUri(ctx), state: null, teamId });
}

const AGAIN = 'Close this tab, open the board again and start schema-to-miro from the app toolbar: Miro asks for the authorization once more.';

export function registerSdkAuthorization(app: FastifyInstance, ctx: ServeContext): void {
  const refuse = refusal(ctx);
  app.get<{ Querystring: OAuthRedirectQuery }>(
    SDK_REDIRECT_PATH,
    { schema: { querystring: OAUTH_REDIRECT_QUERY } },
    async (req, reply) => {
      const { code, client_id: clientId, error } = req.query;
      if (error !== undefined) return refuse(reply, `Miro did not grant access (${error}).`);
      if (code === undefined || code === '') return refuse(reply, 'The answer from Miro carries no authorization code.');
      if (clientId !== undefined && clientId !== ctx.settings.app.clientId) return refuse(reply, 'The answer from Miro is for another app than this service\'s.');
      let signedIn;
      try {
        signedIn = await storeLoginFromCode(ctx, { ...ctx.settings.app, redirectUri: sdkRedirectUri(ctx) }, code);
      } catch (failure) {
        if (!isSchemaToMiroError(failure)) throw failure;
        req.log.warn({ error: failure.kind }, 'SDK authorization refused by Miro');
        const reason = failure.kind === 'miro_auth' ? 'Miro did not accept this authorization code (a code works once, for 10 minutes).' : 'Miro could not be reached to finish the authorization.';
        return refuse(reply, reason, failure.kind === 'miro_auth' ? 400 : 502);
      }
      req.log.info({ personId: signedIn.personId }, 'board app authorized');
      const done = new URL(`${ctx.settings.urls.authBaseUrl}/app-install-completed/`);
      done.searchParams.set('client_id', ctx.settings.app.clientId);
      done.searchParams.set('team_id', signedIn.identity.teamId);
      return reply.header('cache-control', 'no-store').redirect(done.toString(), 302);
    },
  );
}

function refusal(ctx: ServeContext) {
  return (reply: FastifyReply, reason: string, status = 400): FastifyReply =>
    appPage(reply.code(status), ctx.settings.urls.authBaseUrl, {
      title: 'Authorization not finished',
      body: `<h1>Authorization not finished</h1><p>${escapeHtml(reason)} Nothing was stored.</p><p>${escapeHtml(AGAIN)}</p>`,
    });
}
