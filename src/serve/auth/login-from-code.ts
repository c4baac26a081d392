/**
 * An authorization code from Miro, turned into a stored login: exchanged for tokens, asked who they
 * belong to, sealed into the store under that Miro user and team. Both ways in share it: the web
 * sign-in's callback and the board app's SDK authorization. A code Miro refuses stores nothing.
 */
import { exchangeAuthorizationCode, fetchTokenInfo } from '../../auth/miro-oauth-api.js';
import type { OAuthApp } from '../../auth/oauth-app.js';
import { loginFromGrant } from '../../auth/stored-login.js';
import type { ServeContext } from '../context.js';
import type { MiroIdentity } from './database-token-store.js';

export interface StoredSignIn {
  personId: number;
  identity: MiroIdentity;
}

/** `app.redirectUri` must be the one the code was issued for (Miro compares them). */
export async function storeLoginFromCode(ctx: Pick<ServeContext, 'settings' | 'tokens' | 'store'>, app: OAuthApp, code: string): Promise<StoredSignIn> {
  const apiBaseUrl = ctx.settings.urls.apiBaseUrl;
  const grant = await exchangeAuthorizationCode(apiBaseUrl, app, code);
  const info = await fetchTokenInfo(apiBaseUrl, grant.accessToken, 'the sign-in');
  const identity = { userId: info.user.id, teamId: info.team.id };
  await ctx.tokens.forIdentity(identity).set(loginFromGrant(app, grant, info, Date.now()));
  const person = await ctx.store.db
    .selectFrom('people')
    .select('id')
    .where('miro_user_id', '=', identity.userId)
    .where('miro_team_id', '=', identity.teamId)
    .executeTakeFirstOrThrow();
  return { personId: person.id, identity };
}
