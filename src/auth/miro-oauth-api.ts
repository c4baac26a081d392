import { SchemaToMiroError } from '../errors.js';
import { createAxiosTransport } from '../miro/http-transport.js';
import { isRecord, textField } from './json-shape.js';
import type { OAuthApp } from './oauth-app.js';

/**
 * Miro's OAuth endpoints, as documented: token exchange and refresh (`POST /v1/oauth/token`, form body),
 * revocation (`POST /v2/oauth/revoke`, JSON) and the token's context (`GET /v1/oauth-token`).
 * Messages name what failed and why, never a token, code or secret.
 */

/** A new token pair from the token endpoint. */
export interface TokenGrant {
  accessToken: string;
  /** Null for an app with non-expiring tokens. */
  refreshToken: string | null;
  /** Null when Miro gave no `expires_in` (non-expiring). */
  expiresInSeconds: number | null;
  scopes: string[];
  userId: string | null;
  teamId: string | null;
}

/** Who and what a token stands for (`GET /v1/oauth-token`). */
export interface TokenInfo {
  user: { id: string; name: string | null };
  team: { id: string; name: string | null };
  organization: { id: string; name: string | null } | null;
  scopes: string[];
}

export type ClientCredentials = Pick<OAuthApp, 'clientId' | 'clientSecret'>;

const REQUEST_TIMEOUT_MS = 30_000;

export async function exchangeAuthorizationCode(apiBaseUrl: string, app: OAuthApp, code: string): Promise<TokenGrant> {
  const response = await send(apiBaseUrl, '/v1/oauth/token', 'exchange the authorization code', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code,
      redirect_uri: app.redirectUri,
    }).toString(),
  });
  if (!response.ok) {
    const reason = await rejectionReason(response, [code, app.clientSecret]);
    if (isClientRejection(response.status, reason)) throw clientRejected(reason);
    throw new SchemaToMiroError(
      'miro_auth',
      `Miro refused the authorization code (${reason.text}): a code works once and for 10 minutes; run \`schema-to-miro login\` again`,
    );
  }
  return parseGrant(await readJson(response, 'the token exchange'));
}

export async function refreshAccessToken(apiBaseUrl: string, client: ClientCredentials, refreshToken: string): Promise<TokenGrant> {
  const response = await send(apiBaseUrl, '/v1/oauth/token', 'refresh the access token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      refresh_token: refreshToken,
    }).toString(),
  });
  if (!response.ok) {
    const reason = await rejectionReason(response, [refreshToken, client.clientSecret]);
    if (isClientRejection(response.status, reason)) throw clientRejected(reason);
    throw new SchemaToMiroError(
      'miro_auth',
      `Miro refused to refresh the stored login (${reason.text}); run \`schema-to-miro login\` again`,
    );
  }
  return parseGrant(await readJson(response, 'the token refresh'));
}

/** Revokes an access token and, with it, its refresh token. */
export async function revokeAccessToken(apiBaseUrl: string, client: ClientCredentials, accessToken: string): Promise<void> {
  const response = await send(apiBaseUrl, '/v2/oauth/revoke', 'revoke the access token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ accessToken, clientId: client.clientId, clientSecret: client.clientSecret }),
  });
  if (!response.ok) {
    const reason = await rejectionReason(response, [accessToken, client.clientSecret]);
    throw new SchemaToMiroError('miro_auth', `Miro did not revoke the token (${reason.text})`);
  }
  await response.body?.cancel();
}

export async function fetchTokenInfo(apiBaseUrl: string, accessToken: string, origin: string): Promise<TokenInfo> {
  const response = await send(apiBaseUrl, '/v1/oauth-token', 'read the token information', {
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (!response.ok) {
    const reason = await rejectionReason(response, [accessToken]);
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new SchemaToMiroError('miro_auth', `Miro rejected the access token from ${origin} (${reason.text})`);
    }
    throw new SchemaToMiroError('miro', `Miro could not describe the access token (${reason.text})`);
  }
  return parseTokenInfo(await readJson(response, 'the token information'));
}

/** What the OAuth calls send: a method, headers and a text or form body. */
interface OAuthRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | URLSearchParams;
}

/** Statuses whose response has no body (a `Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * One call through the same transport as the API client, so the OAuth calls honour HTTPS_PROXY and
 * NO_PROXY alike; the answer is handed back as a fetch `Response` for the readers below.
 */
async function send(apiBaseUrl: string, path: string, what: string, init: OAuthRequest): Promise<Response> {
  const url = `${apiBaseUrl}${path}`;
  const transport = createAxiosTransport({ maxSockets: 1 });
  try {
    const result = await transport.send({
      method: init.method,
      url,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body.toString() } : {}),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const host = new URL(url).host;
    if (!result.ok && result.code === 'ETIMEDOUT') {
      throw new SchemaToMiroError('miro', `Miro (${host}) did not answer within ${REQUEST_TIMEOUT_MS / 1000} s when asked to ${what}`);
    }
    if (!result.ok) throw new SchemaToMiroError('miro', `cannot reach Miro at ${host} to ${what}: ${result.code}`);
    if (result.status >= 300 && result.status < 400) {
      throw new SchemaToMiroError('miro', `Miro (${host}) answered ${result.status} (a redirect) when asked to ${what}`);
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(result.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(', '));
    }
    return new Response(NULL_BODY_STATUSES.has(result.status) ? null : result.body, { status: result.status, headers });
  } finally {
    transport.close();
  }
}

interface Rejection {
  status: number;
  /** OAuth's `error` or Miro's `code`, when the body had one. */
  code: string | undefined;
  /** One line for a message: status and Miro's explanation, with every known secret removed. */
  text: string;
}

async function rejectionReason(response: Response, secrets: string[]): Promise<Rejection> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const code = isRecord(body) ? (textField(body, 'error') ?? textField(body, 'code')) : undefined;
  const detail = isRecord(body) ? (textField(body, 'error_description') ?? textField(body, 'message')) : undefined;
  const parts = [`HTTP ${response.status}`, code, detail].filter((part): part is string => Boolean(part));
  return { status: response.status, code, text: scrub(parts.join(': '), secrets) };
}

function isClientRejection(status: number, reason: Rejection): boolean {
  return status === 401 || reason.code === 'invalid_client' || reason.code === 'unauthorized_client';
}

function clientRejected(reason: Rejection): SchemaToMiroError {
  return new SchemaToMiroError(
    'miro_auth',
    `Miro rejected the app's client id or secret (${reason.text}): check MIRO_CLIENT_ID and MIRO_CLIENT_SECRET`,
  );
}

/** Removes secrets Miro might echo and keeps the text to one short line. */
function scrub(text: string, secrets: string[]): string {
  let clean = text.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('***');
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

async function readJson(response: Response, what: string): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SchemaToMiroError('miro', `Miro answered ${what} with something that is not JSON`);
  }
  if (!isRecord(body)) throw new SchemaToMiroError('miro', `Miro answered ${what} with unexpected JSON`);
  return body;
}

function parseGrant(body: Record<string, unknown>): TokenGrant {
  const accessToken = textField(body, 'access_token');
  if (!accessToken) throw new SchemaToMiroError('miro', 'Miro answered the token request without an access_token');
  const expiresIn = body['expires_in'];
  return {
    accessToken,
    refreshToken: textField(body, 'refresh_token') ?? null,
    expiresInSeconds: typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : null,
    scopes: splitScopes(textField(body, 'scope')),
    userId: textField(body, 'user_id') ?? null,
    teamId: textField(body, 'team_id') ?? null,
  };
}

function parseTokenInfo(body: Record<string, unknown>): TokenInfo {
  const party = (key: string) => {
    const value = body[key];
    if (!isRecord(value)) return null;
    const id = textField(value, 'id');
    return id ? { id, name: textField(value, 'name') ?? null } : null;
  };
  const user = party('user');
  const team = party('team');
  if (!user || !team) throw new SchemaToMiroError('miro', 'Miro described the token without a user or team');
  const scopes = Array.isArray(body['scopes']) ? body['scopes'].filter((s): s is string => typeof s === 'string') : [];
  return { user, team, organization: party('organization'), scopes: [...scopes].sort() };
}

function splitScopes(scope: string | undefined): string[] {
  return scope ? [...new Set(scope.split(/[\s,]+/).filter(Boolean))].sort() : [];
}
