import { SchemaToMiroError } from '../errors.js';
import type { CredentialProvider } from '../miro/credentials.js';
import { fetchTokenInfo, type TokenInfo } from './miro-oauth-api.js';
import { StoredLoginProvider } from './stored-login-provider.js';

export interface CredentialsDescription {
  /** Where the credentials come from: `--token`, `MIRO_ACCESS_TOKEN`, `stored login (client …)`. */
  origin: string;
  info: TokenInfo;
  /** ISO 8601 expiry of the access token; null when it does not expire; undefined when unknown (a static token). */
  expiresAt: string | null | undefined;
  /** Whether the tool refreshes the token by itself. */
  refreshable: boolean;
}

/** Who the credentials act for, asked from Miro (`GET /v1/oauth-token`) with the same refresh-once rule as the client. */
export async function describeCredentials(provider: CredentialProvider, apiBaseUrl: string): Promise<CredentialsDescription> {
  const token = await provider.getAccessToken();
  let info: TokenInfo;
  try {
    info = await fetchTokenInfo(apiBaseUrl, token, provider.origin);
  } catch (error) {
    if (!(error instanceof SchemaToMiroError) || error.kind !== 'miro_auth') throw error;
    const retry = await provider.refreshAfterUnauthorized(token);
    if (retry === null) throw error;
    info = await fetchTokenInfo(apiBaseUrl, retry, provider.origin);
  }
  if (provider instanceof StoredLoginProvider) {
    const login = await provider.currentLogin();
    return { origin: provider.origin, info, expiresAt: login.expiresAt, refreshable: login.refreshToken !== null };
  }
  return { origin: provider.origin, info, expiresAt: undefined, refreshable: false };
}
