/** The auth stage: where the Miro client's access token comes from. */
export { resolveCredentials, chooseStoredLogin, NO_CREDENTIALS_MESSAGE, type ResolveCredentialsOptions } from './resolve-credentials.js';
export { login, type LoginOptions } from './login.js';
export { DEFAULT_LOGIN_TIMEOUT_MS } from './login-timeout.js';
export { logout, type LogoutOptions, type LogoutResult } from './logout.js';
export { describeCredentials, type CredentialsDescription } from './whoami.js';
export { StoredLoginProvider, DEFAULT_REFRESH_MARGIN_MS, type StoredLoginProviderOptions } from './stored-login-provider.js';
export type { StoredLogin, TokenStore } from './token-store.js';
export { FileTokenStore, CREDENTIALS_FILE_NAME } from './file-token-store.js';
export { MemoryTokenStore } from './memory-token-store.js';
export { resolveMiroUrls, DEFAULT_API_BASE_URL, DEFAULT_AUTH_BASE_URL, type MiroUrls } from './miro-urls.js';
export { configDirectory } from './config-dir.js';
export {
  readOAuthAppSettings,
  mergeOAuthAppSettings,
  requireOAuthApp,
  type OAuthApp,
  type OAuthAppSettings,
} from './oauth-app.js';
export { openSystemBrowser, systemBrowserOpener, type BrowserOpener } from './open-browser.js';
export type { TokenInfo } from './miro-oauth-api.js';
export type { Env, Clock } from './env.js';
