import type { ClientCredentials, TokenGrant, TokenInfo } from './miro-oauth-api.js';
import type { StoredLogin } from './token-store.js';

/** The login to store after `login`: the new tokens and who they belong to. */
export function loginFromGrant(client: ClientCredentials, grant: TokenGrant, info: TokenInfo, now: number): StoredLogin {
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: expiryOf(grant, now),
    // The token context lists the scopes Miro actually granted; the grant's `scope` is the fallback.
    scopes: info.scopes.length > 0 ? info.scopes : grant.scopes,
    user: info.user,
    team: info.team,
    obtainedAt: new Date(now).toISOString(),
  };
}

/** The login after a refresh: Miro rotated both tokens; who and which team stay the same. */
export function loginAfterRefresh(previous: StoredLogin, grant: TokenGrant, now: number): StoredLogin {
  return {
    ...previous,
    accessToken: grant.accessToken,
    // Miro always rotates, but an answer without a refresh token must not erase the one that still works.
    refreshToken: grant.refreshToken ?? previous.refreshToken,
    expiresAt: expiryOf(grant, now),
    scopes: grant.scopes.length > 0 ? grant.scopes : previous.scopes,
    obtainedAt: new Date(now).toISOString(),
  };
}

/** True when the access token has expired or will within `marginMs`; never for a non-expiring one. */
export function expiresWithin(login: StoredLogin, now: number, marginMs: number): boolean {
  return login.expiresAt !== null && Date.parse(login.expiresAt) - now <= marginMs;
}

/**
 * True when a token should be refreshed before use: it expires within `marginMs`, or within half its
 * lifetime when that is shorter, so that a short-lived token is not refreshed on every call.
 */
export function refreshDue(login: StoredLogin, now: number, marginMs: number): boolean {
  if (login.expiresAt === null) return false;
  const lifetimeMs = Date.parse(login.expiresAt) - Date.parse(login.obtainedAt);
  const margin = Number.isFinite(lifetimeMs) && lifetimeMs > 0 ? Math.min(marginMs, lifetimeMs / 2) : marginMs;
  return expiresWithin(login, now, margin);
}

function expiryOf(grant: TokenGrant, now: number): string | null {
  return grant.expiresInSeconds === null ? null : new Date(now + grant.expiresInSeconds * 1000).toISOString();
}
