import type { StoredLogin, TokenStore } from './token-store.js';

/** A store that lives as long as the process: for embedding the library and for tests of the stages above. */
export class MemoryTokenStore implements TokenStore {
  readonly location = 'memory';
  readonly #logins = new Map<string, StoredLogin>();

  async get(clientId: string): Promise<StoredLogin | null> {
    const login = this.#logins.get(clientId);
    return login ? structuredClone(login) : null;
  }

  async set(login: StoredLogin): Promise<void> {
    this.#logins.set(login.clientId, structuredClone(login));
  }

  async clear(clientId: string): Promise<void> {
    this.#logins.delete(clientId);
  }

  async clientIds(): Promise<string[]> {
    return [...this.#logins.keys()].sort();
  }
}
