import { SchemaToMiroError } from '../errors.js';
import type { CredentialProvider } from '../miro/credentials.js';
import { systemClock, type Clock } from './env.js';
import { refreshAccessToken } from './miro-oauth-api.js';
import { loginAfterRefresh, refreshDue } from './stored-login.js';
import type { StoredLogin, TokenStore } from './token-store.js';

export interface StoredLoginProviderOptions {
  store: TokenStore;
  clientId: string;
  apiBaseUrl: string;
  /** Overrides the stored secret (MIRO_CLIENT_SECRET), for an app whose secret was rotated. */
  clientSecret?: string;
  /** A token that expires within this margin is refreshed before use. Default 5 minutes. */
  refreshMarginMs?: number;
  now?: Clock;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Credentials from `login`: refreshes a token about to expire before handing it out, and once after a
 * 401. All callers in this process share one refresh at a time, and the store's `exclusive` keeps other
 * processes from spending the same refresh token: Miro rotates it, so a second use would fail.
 */
export class StoredLoginProvider implements CredentialProvider {
  readonly origin: string;
  readonly #options: StoredLoginProviderOptions;
  readonly #now: Clock;
  readonly #marginMs: number;
  #current: StoredLogin | null = null;
  #refreshing: Promise<StoredLogin> | null = null;

  constructor(options: StoredLoginProviderOptions) {
    this.#options = options;
    this.#now = options.now ?? systemClock;
    this.#marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.origin = `stored login (client ${options.clientId})`;
  }

  async getAccessToken(): Promise<string> {
    const login = this.#refreshing ? await this.#refreshing : await this.#load();
    if (!refreshDue(login, this.#now(), this.#marginMs)) return login.accessToken;
    return (await this.#refresh(login.accessToken)).accessToken;
  }

  async refreshAfterUnauthorized(rejectedToken: string): Promise<string | null> {
    const login = this.#refreshing ? await this.#refreshing : await this.#load();
    // Another caller already replaced the rejected token: retry with the new one, no second refresh.
    if (login.accessToken !== rejectedToken) return login.accessToken;
    return (await this.#refresh(rejectedToken)).accessToken;
  }

  /** The login as last loaded or refreshed, e.g. for `whoami`. */
  async currentLogin(): Promise<StoredLogin> {
    return this.#refreshing ? this.#refreshing : this.#load();
  }

  async #load(): Promise<StoredLogin> {
    if (this.#current) return this.#current;
    const stored = await this.#options.store.get(this.#options.clientId);
    if (!stored) throw this.#loginAgain('there is no stored login for this app anymore');
    this.#current = stored;
    return stored;
  }

  /** Single flight: whoever comes while a refresh runs waits for that one. */
  #refresh(staleAccessToken: string): Promise<StoredLogin> {
    this.#refreshing ??= this.#refreshOnce(staleAccessToken).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refreshOnce(staleAccessToken: string): Promise<StoredLogin> {
    const { store } = this.#options;
    const work = async (): Promise<StoredLogin> => {
      // Another process may have refreshed while we waited for the lock: use its tokens.
      const stored = await store.get(this.#options.clientId);
      if (!stored) throw this.#loginAgain('the stored login was removed (logout?)');
      if (stored.accessToken !== staleAccessToken && !refreshDue(stored, this.#now(), this.#marginMs)) return stored;
      if (!stored.refreshToken) {
        throw this.#loginAgain('Miro no longer accepts the stored token, and this app has no refresh token');
      }
      const grant = await refreshAccessToken(
        this.#options.apiBaseUrl,
        { clientId: stored.clientId, clientSecret: this.#options.clientSecret ?? stored.clientSecret },
        stored.refreshToken,
      );
      const refreshed = loginAfterRefresh(stored, grant, this.#now());
      await store.set(refreshed);
      return refreshed;
    };
    const refreshed = store.exclusive ? await store.exclusive(work) : await work();
    this.#current = refreshed;
    return refreshed;
  }

  #loginAgain(why: string): SchemaToMiroError {
    return new SchemaToMiroError('miro_auth', `${why}; run \`schema-to-miro login\` again`);
  }
}
