/**
 * Miro's OAuth 2.0 endpoints for the emulator, as Miro documents them:
 * - GET  /oauth/authorize  the consent page; here it decides at once (approve, or deny when told to) and
 *                          redirects to the app's registered redirect URI with `code` (or `error`) and `state`;
 * - POST /v1/oauth/token   form body; `authorization_code` (single-use code, 10 minutes) and `refresh_token`
 *                          (rotation: the old refresh token stops working);
 * - POST /v2/oauth/revoke  JSON `accessToken`, `clientId`, `clientSecret`: revokes the access token and its refresh token;
 * - GET  /v1/oauth-token   the token's context: user, team, organization, scopes.
 * Access tokens are issued into the emulator's shared `EmulatorTokens`, so the REST API accepts them.
 * Per-emulator OAuth settings and counters live in `emulatorOAuth(tokens)`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MiroApiError } from './api-error.js';
import { DEFAULT_SCOPES, DEFAULT_TEAM_ID, DEFAULT_USER_ID, type EmulatorTokens } from './tokens.js';

export interface OAuthRouteContext {
  /** The emulator's token registry, shared with the REST API's bearer-token check. */
  tokens: EmulatorTokens;
  /** The emulator's own base URL, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The emulator's clock (epoch ms); when given, it wins over `emulatorOAuth(tokens).settings.now`. */
  now?: () => number;
}

/** An app registered with the emulator, as in Miro's app settings. */
export interface EmulatorOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Matched exactly, as Miro does. */
  redirectUris: string[];
}

export interface EmulatorOAuthSettings {
  apps: EmulatorOAuthApp[];
  /** What the person answers on the consent page. */
  consent: 'approve' | 'deny';
  /** Lifetime of an access token; null: the app has non-expiring tokens (no refresh token either). */
  accessTokenLifetimeSeconds: number | null;
  refreshTokenLifetimeSeconds: number;
  codeLifetimeSeconds: number;
  scopes: string[];
  user: { id: string; name: string };
  team: { id: string; name: string };
  organization: { id: string; name: string };
  /** The OAuth clock (epoch ms) when the emulator passes none in its route context; give it the tokens' clock. */
  now: () => number;
}

/** What the endpoints were asked, for assertions (e.g. fifty concurrent calls -> one refresh). */
export interface EmulatorOAuthCounters {
  authorizations: number;
  codeExchanges: number;
  refreshes: number;
  failedRefreshes: number;
  revocations: number;
  tokenInfoRequests: number;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  teamId: string;
  expiresAt: number;
}

interface IssuedRefreshToken {
  clientId: string;
  accessToken: string;
  teamId: string;
  expiresAt: number;
}

/** The OAuth side of one emulator: registered apps, outstanding codes and refresh tokens. */
export class EmulatorOAuth {
  settings: EmulatorOAuthSettings = {
    apps: [],
    consent: 'approve',
    accessTokenLifetimeSeconds: 3599,
    refreshTokenLifetimeSeconds: 60 * 24 * 3600,
    codeLifetimeSeconds: 600,
    scopes: [...DEFAULT_SCOPES],
    user: { id: DEFAULT_USER_ID, name: 'Ada Lovelace' },
    team: { id: DEFAULT_TEAM_ID, name: 'Analytical Engines' },
    organization: { id: '3458764500000000003', name: 'Emulated Org' },
    now: Date.now,
  };
  readonly counters: EmulatorOAuthCounters = {
    authorizations: 0,
    codeExchanges: 0,
    refreshes: 0,
    failedRefreshes: 0,
    revocations: 0,
    tokenInfoRequests: 0,
  };
  readonly #codes = new Map<string, IssuedCode>();
  readonly #refreshTokens = new Map<string, IssuedRefreshToken>();
  /** access token -> its refresh token, so revoking one revokes the other. */
  readonly #refreshOf = new Map<string, string>();

  configure(settings: Partial<EmulatorOAuthSettings>): this {
    this.settings = { ...this.settings, ...settings };
    return this;
  }

  registerApp(app: EmulatorOAuthApp): this {
    this.settings.apps = [...this.settings.apps.filter((a) => a.clientId !== app.clientId), app];
    return this;
  }

  /** Kills a refresh token server-side, as when the person removes the app in Miro. */
  revokeRefreshToken(refreshToken: string): void {
    this.#refreshTokens.delete(refreshToken);
  }

  /** @internal */
  issueCode(code: string, issued: IssuedCode): void {
    this.#codes.set(code, issued);
  }

  /** @internal Takes a code out: it works once, even when the exchange then fails. */
  takeCode(code: string): IssuedCode | undefined {
    const issued = this.#codes.get(code);
    this.#codes.delete(code);
    return issued;
  }

  /** @internal */
  takeRefreshToken(refreshToken: string): IssuedRefreshToken | undefined {
    const issued = this.#refreshTokens.get(refreshToken);
    this.#refreshTokens.delete(refreshToken);
    if (issued) this.#refreshOf.delete(issued.accessToken);
    return issued;
  }

  /** @internal */
  issueRefreshToken(refreshToken: string, issued: IssuedRefreshToken): void {
    this.#refreshTokens.set(refreshToken, issued);
    this.#refreshOf.set(issued.accessToken, refreshToken);
  }

  /** @internal */
  forgetRefreshTokenOf(accessToken: string): void {
    const refreshToken = this.#refreshOf.get(accessToken);
    if (refreshToken) this.#refreshTokens.delete(refreshToken);
    this.#refreshOf.delete(accessToken);
  }

  /** @internal */
  app(clientId: string | null): EmulatorOAuthApp | undefined {
    return this.settings.apps.find((app) => app.clientId === clientId);
  }
}

const states = new WeakMap<EmulatorTokens, EmulatorOAuth>();

/** The OAuth state of the emulator that owns `tokens` (created on first use). */
export function emulatorOAuth(tokens: EmulatorTokens): EmulatorOAuth {
  let oauth = states.get(tokens);
  if (!oauth) {
    oauth = new EmulatorOAuth();
    states.set(tokens, oauth);
  }
  return oauth;
}

export async function handleOAuthRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: OAuthRouteContext,
): Promise<boolean> {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const oauth = emulatorOAuth(ctx.tokens);
  const now = ctx.now ?? oauth.settings.now;
  try {
    switch (route) {
      case 'GET /oauth/authorize':
        authorize(res, url, oauth, now());
        return true;
      case 'POST /v1/oauth/token':
        await token(req, res, oauth, ctx.tokens, now());
        return true;
      case 'POST /v2/oauth/revoke':
        await revoke(req, res, oauth, ctx.tokens);
        return true;
      case 'GET /v1/oauth-token':
        tokenInfo(req, res, oauth, ctx.tokens);
        return true;
      default:
        return false;
    }
  } catch (error) {
    if (!(error instanceof MiroApiError)) throw error;
    sendJson(res, error.status, error.toBody());
    return true;
  }
}

function authorize(res: ServerResponse, url: URL, oauth: EmulatorOAuth, now: number): void {
  oauth.counters.authorizations += 1;
  const params = url.searchParams;
  const app = oauth.app(params.get('client_id'));
  const redirectUri = params.get('redirect_uri');
  // Like Miro, an unknown app or redirect URI gets an error page, never a redirect to an unchecked address.
  if (params.get('response_type') !== 'code') return sendPage(res, 400, 'response_type must be code');
  if (!app) return sendPage(res, 400, 'unknown client_id');
  if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
    return sendPage(res, 400, 'redirect_uri does not match the app settings');
  }
  const target = new URL(redirectUri);
  const state = params.get('state');
  const teamId = params.get('team_id') ?? oauth.settings.team.id;
  if (oauth.settings.consent === 'deny') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_description', 'The user has denied access');
  } else {
    const code = randomToken('code');
    oauth.issueCode(code, {
      clientId: app.clientId,
      redirectUri,
      teamId,
      expiresAt: now + oauth.settings.codeLifetimeSeconds * 1000,
    });
    target.searchParams.set('code', code);
    target.searchParams.set('client_id', app.clientId);
    target.searchParams.set('team_id', teamId);
  }
  if (state !== null) target.searchParams.set('state', state);
  res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' });
  res.end();
}

async function token(req: IncomingMessage, res: ServerResponse, oauth: EmulatorOAuth, tokens: EmulatorTokens, now: number): Promise<void> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return sendOAuthError(res, 400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(await readBody(req));
  const app = oauth.app(form.get('client_id'));
  if (!app || form.get('client_secret') !== app.clientSecret) {
    return sendOAuthError(res, 401, 'invalid_client', 'Client authentication failed');
  }
  switch (form.get('grant_type')) {
    case 'authorization_code': {
      oauth.counters.codeExchanges += 1;
      const issued = oauth.takeCode(form.get('code') ?? '');
      if (!issued || issued.clientId !== app.clientId) {
        return sendOAuthError(res, 400, 'invalid_grant', 'Authorization code is invalid or was already used');
      }
      if (now >= issued.expiresAt) return sendOAuthError(res, 400, 'invalid_grant', 'Authorization code has expired');
      if (form.get('redirect_uri') !== issued.redirectUri) {
        return sendOAuthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      }
      return sendJson(res, 200, grant(oauth, tokens, app.clientId, issued.teamId, now));
    }
    case 'refresh_token': {
      oauth.counters.refreshes += 1;
      const issued = oauth.takeRefreshToken(form.get('refresh_token') ?? '');
      if (!issued || issued.clientId !== app.clientId || now >= issued.expiresAt) {
        oauth.counters.failedRefreshes += 1;
        return sendOAuthError(res, 400, 'invalid_grant', 'Refresh token is invalid, expired or was already used');
      }
      return sendJson(res, 200, grant(oauth, tokens, app.clientId, issued.teamId, now));
    }
    default:
      return sendOAuthError(res, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
}

/** A new token pair in Miro's answer shape. */
function grant(oauth: EmulatorOAuth, tokens: EmulatorTokens, clientId: string, teamId: string, now: number): Record<string, unknown> {
  const { settings } = oauth;
  const accessToken = randomToken('access');
  const lifetime = settings.accessTokenLifetimeSeconds;
  tokens.issue(accessToken, {
    scopes: settings.scopes,
    userId: settings.user.id,
    teamId,
    ...(lifetime !== null ? { expiresAt: now + lifetime * 1000 } : {}),
  });
  const body: Record<string, unknown> = {
    user_id: settings.user.id,
    access_token: accessToken,
    team_id: teamId,
    scope: settings.scopes.join(' '),
    token_type: 'bearer',
  };
  if (lifetime !== null) {
    const refreshToken = randomToken('refresh');
    oauth.issueRefreshToken(refreshToken, {
      clientId,
      accessToken,
      teamId,
      expiresAt: now + settings.refreshTokenLifetimeSeconds * 1000,
    });
    body['refresh_token'] = refreshToken;
    body['expires_in'] = lifetime;
  }
  return body;
}

async function revoke(req: IncomingMessage, res: ServerResponse, oauth: EmulatorOAuth, tokens: EmulatorTokens): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    throw new MiroApiError(400, 'invalidParameters', 'Invalid parameters: the body must be JSON');
  }
  const field = (name: string): string => {
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
    if (typeof value !== 'string' || value === '') {
      throw new MiroApiError(400, 'invalidParameters', `Invalid parameters: ${name} is required`, [
        { field: name, message: 'is required', reason: 'missing' },
      ]);
    }
    return value;
  };
  const accessToken = field('accessToken');
  const clientId = field('clientId');
  const clientSecret = field('clientSecret');
  const app = oauth.app(clientId);
  if (!app || app.clientSecret !== clientSecret || !tokens.has(accessToken)) {
    throw new MiroApiError(404, 'notFound', 'Failed to revoke token');
  }
  oauth.counters.revocations += 1;
  tokens.revoke(accessToken);
  oauth.forgetRefreshTokenOf(accessToken);
  res.writeHead(204);
  res.end();
}

function tokenInfo(req: IncomingMessage, res: ServerResponse, oauth: EmulatorOAuth, tokens: EmulatorTokens): void {
  oauth.counters.tokenInfoRequests += 1;
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer (.+)$/i.exec(header)?.[1];
  const check = tokens.check(bearer);
  if (!check.ok) {
    throw new MiroApiError(401, 'tokenNotProvided', check.reason === 'missing' ? 'No access token' : `Access token is ${check.reason}`);
  }
  const { settings } = oauth;
  const user = { type: 'user', id: check.info.userId, name: check.info.userId === settings.user.id ? settings.user.name : 'Emulated User' };
  const team = { type: 'team', id: check.info.teamId, name: check.info.teamId === settings.team.id ? settings.team.name : 'Emulated Team' };
  sendJson(res, 200, {
    type: 'oauth',
    organization: { type: 'organization', ...settings.organization },
    team,
    createdBy: user,
    user,
    scopes: check.info.scopes,
  });
}

function randomToken(kind: string): string {
  return `emu_${kind}_${randomBytes(18).toString('base64url')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The token endpoint answers errors the OAuth 2.0 way (RFC 6749 §5.2). */
function sendOAuthError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

function sendPage(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>Miro emulator</title><p>${message}</p>\n`);
}
