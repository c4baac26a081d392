import { SchemaToMiroError } from '../errors.js';
import { systemClock, type Clock } from './env.js';
import { refreshAccessToken, revokeAccessToken } from './miro-oauth-api.js';
import { expiresWithin } from './stored-login.js';
import type { TokenStore } from './token-store.js';

export interface LogoutOptions {
  store: TokenStore;
  clientId: string;
  apiBaseUrl: string;
  /** Overrides the stored secret (MIRO_CLIENT_SECRET). */
  clientSecret?: string;
  now?: Clock;
}

export type LogoutResult =
  | { outcome: 'not-logged-in' }
  | { outcome: 'revoked' }
  /** Forgotten here, but Miro did not confirm the revocation: `reason` says why (no secret in it). */
  | { outcome: 'forgotten-only'; reason: string };

/**
 * Revokes the stored login at Miro (which also kills its refresh token) and forgets it. The login is
 * forgotten even when Miro cannot be reached: the person asked for it to be gone from this machine.
 */
export async function logout(options: LogoutOptions): Promise<LogoutResult> {
  const { store, clientId } = options;
  const stored = await store.get(clientId);
  if (!stored) return { outcome: 'not-logged-in' };
  const client = { clientId, clientSecret: options.clientSecret ?? stored.clientSecret };
  let result: LogoutResult;
  try {
    let accessToken = stored.accessToken;
    // Miro only revokes a live access token; an expired one is first exchanged so that its refresh token dies too.
    if (stored.refreshToken && expiresWithin(stored, (options.now ?? systemClock)(), 0)) {
      accessToken = (await refreshAccessToken(options.apiBaseUrl, client, stored.refreshToken)).accessToken;
    }
    await revokeAccessToken(options.apiBaseUrl, client, accessToken);
    result = { outcome: 'revoked' };
  } catch (error) {
    if (!(error instanceof SchemaToMiroError)) throw error;
    result = { outcome: 'forgotten-only', reason: error.message };
  }
  await store.clear(clientId);
  return result;
}
