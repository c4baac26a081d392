/** A completed login against the emulator's OAuth endpoints, for tests of what comes after it. */
import { login, type OAuthApp, type StoredLogin, type TokenStore } from '../../../src/auth/index.js';
import { freePort, scriptedBrowser } from './fixtures.js';
import type { OAuthServer } from './oauth-server.js';

export async function registeredApp(server: OAuthServer, clientId = '3458764599999999001'): Promise<OAuthApp> {
  const app = { clientId, clientSecret: `secret-of-${clientId}-9d2e`, redirectUri: `http://127.0.0.1:${await freePort()}/callback` };
  server.oauth.registerApp({ clientId, clientSecret: app.clientSecret, redirectUris: [app.redirectUri] });
  return app;
}

export async function signIn(server: OAuthServer, app: OAuthApp, store: TokenStore, now: () => number): Promise<StoredLogin> {
  return login({
    app,
    urls: { apiBaseUrl: server.baseUrl, authBaseUrl: server.baseUrl },
    store,
    openBrowser: scriptedBrowser().open,
    pasteInput: null,
    tell: () => {},
    timeoutMs: 10_000,
    now,
  });
}
