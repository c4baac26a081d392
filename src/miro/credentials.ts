/**
 * The seam between the Miro client and wherever its access token comes from (a static token from the
 * environment, or the OAuth store with refresh). The client asks for a token before every request and,
 * when Miro answers 401, asks once for a fresh one and retries once.
 */
export interface CredentialProvider {
  /** A token to send now. Implementations may refresh one that is about to expire. */
  getAccessToken(): Promise<string>;
  /**
   * Called after Miro rejected `rejectedToken` with 401. Returns a new token to retry with, or null when
   * there is none to be had (a static token): then the client reports the 401.
   */
  refreshAfterUnauthorized(rejectedToken: string): Promise<string | null>;
  /** Where the credentials come from, for messages: `MIRO_ACCESS_TOKEN`, `--token`, `stored login (client …)`. Never the token. */
  readonly origin: string;
}

/** A token that never changes: `--token` or `MIRO_ACCESS_TOKEN`. */
export class StaticTokenProvider implements CredentialProvider {
  readonly origin: string;
  readonly #token: string;

  constructor(token: string, origin: string) {
    this.#token = token;
    this.origin = origin;
  }

  async getAccessToken(): Promise<string> {
    return this.#token;
  }

  async refreshAfterUnauthorized(): Promise<string | null> {
    return null;
  }
}
