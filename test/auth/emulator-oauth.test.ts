/**
 * The emulator's OAuth endpoints behave as Miro documents them, so that the auth tests mean something:
 * exact redirect URIs, single-use codes, rotating refresh tokens, revocation, the token context.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from './support/fixtures.js';
import { startOAuthServer, type OAuthServer } from './support/oauth-server.js';

const APP = { clientId: '100', clientSecret: 'secret-100', redirectUris: ['http://localhost:8899/callback'] };
let server: OAuthServer;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  server = await startOAuthServer(clock.now);
  server.oauth.registerApp(APP);
});
afterEach(() => server.close());

async function authorize(query: Record<string, string>): Promise<Response> {
  return fetch(`${server.baseUrl}/oauth/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });
}

async function codeFor(state = 's'): Promise<string> {
  const response = await authorize({ response_type: 'code', client_id: APP.clientId, redirect_uri: APP.redirectUris[0]!, state });
  const location = new URL(response.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe(state);
  return location.searchParams.get('code')!;
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.baseUrl}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
  token({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.redirectUris[0]!, ...extra });
const refresh = (refreshToken: string) =>
  token({ grant_type: 'refresh_token', client_id: APP.clientId, client_secret: APP.clientSecret, refresh_token: refreshToken });

describe('emulated Miro OAuth', () => {
  it('shows an error page instead of redirecting for an unknown app or an unregistered redirect URI', async () => {
    expect((await authorize({ response_type: 'code', client_id: '999', redirect_uri: APP.redirectUris[0]!, state: 's' })).status).toBe(400);
    const wrongUri = await authorize({ response_type: 'code', client_id: APP.clientId, redirect_uri: 'http://localhost:8899/callback/', state: 's' });
    expect(wrongUri.status).toBe(400);
    expect(wrongUri.headers.get('location')).toBeNull();
  });

  it('exchanges a code once, with the same redirect URI, within ten minutes', async () => {
    const code = await codeFor();
    const granted = await exchange(code);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: 'bearer', expires_in: 3599, scope: 'boards:read boards:write', user_id: '3458764500000000001' });
    expect(server.tokens.check(granted.body['access_token'] as string).ok).toBe(true);
    expect((await exchange(code)).body['error']).toBe('invalid_grant');

    expect((await exchange(await codeFor(), { redirect_uri: 'http://localhost:8899/other' })).status).toBe(400);
    const late = await codeFor();
    clock.advance(600_000);
    expect((await exchange(late)).body).toMatchObject({ error: 'invalid_grant', error_description: 'Authorization code has expired' });
    expect((await exchange(await codeFor(), { client_secret: 'wrong' })).status).toBe(401);
  });

  it('rotates refresh tokens: the old one stops working', async () => {
    const first = (await exchange(await codeFor())).body;
    const second = await refresh(first['refresh_token'] as string);
    expect(second.status).toBe(200);
    expect(second.body['refresh_token']).not.toBe(first['refresh_token']);
    expect((await refresh(first['refresh_token'] as string)).body['error']).toBe('invalid_grant');
    expect((await refresh(second.body['refresh_token'] as string)).status).toBe(200);
  });

  it('expires access tokens by the shared clock, so the REST API answers 401', async () => {
    const granted = (await exchange(await codeFor())).body;
    clock.advance(3599_000);
    expect(server.tokens.check(granted['access_token'] as string)).toEqual({ ok: false, reason: 'expired' });
  });

  it('revokes an access token with its refresh token, and validates the request', async () => {
    const granted = (await exchange(await codeFor())).body;
    const revoke = (body: Record<string, string>) =>
      fetch(`${server.baseUrl}/v2/oauth/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await revoke({ accessToken: granted['access_token'] as string, clientId: APP.clientId })).status).toBe(400);
    expect((await revoke({ accessToken: granted['access_token'] as string, clientId: APP.clientId, clientSecret: 'nope' })).status).toBe(404);
    expect((await revoke({ accessToken: granted['access_token'] as string, clientId: APP.clientId, clientSecret: APP.clientSecret })).status).toBe(204);
    expect(server.tokens.check(granted['access_token'] as string).ok).toBe(false);
    expect((await refresh(granted['refresh_token'] as string)).status).toBe(400);
  });

  it('describes a token, and refuses a missing or unknown one', async () => {
    const granted = (await exchange(await codeFor())).body;
    const info = await fetch(`${server.baseUrl}/v1/oauth-token`, { headers: { authorization: `Bearer ${granted['access_token'] as string}` } });
    expect(await info.json()).toMatchObject({
      type: 'oauth',
      user: { type: 'user', id: '3458764500000000001', name: 'Ada Lovelace' },
      team: { type: 'team', id: '3458764500000000002', name: 'Analytical Engines' },
      scopes: ['boards:read', 'boards:write'],
    });
    expect((await fetch(`${server.baseUrl}/v1/oauth-token`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/v1/oauth-token`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });
});
