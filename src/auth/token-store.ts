/**
 * What a successful `login` leaves behind, one per Miro app (client id), so several apps can coexist.
 * Holds secrets: stores must keep it private (the file store writes mode 0600) and no message may print it.
 */
export interface StoredLogin {
  clientId: string;
  /** Kept with the tokens so that a refresh works in a shell without MIRO_CLIENT_SECRET. */
  clientSecret: string;
  accessToken: string;
  /** Null for an app whose tokens never expire. */
  refreshToken: string | null;
  /** ISO 8601; null when Miro gave no `expires_in` (a non-expiring token). */
  expiresAt: string | null;
  scopes: string[];
  user: { id: string; name: string | null };
  team: { id: string; name: string | null };
  /** ISO 8601: when these tokens were obtained (login or last refresh). */
  obtainedAt: string;
}

/** Where logins are kept. The default is `FileTokenStore`; anything with these four methods will do. */
export interface TokenStore {
  /** For messages, e.g. the file's path. Never a secret. */
  readonly location: string;
  get(clientId: string): Promise<StoredLogin | null>;
  /** Replaces the login of `login.clientId`, leaving the others alone. */
  set(login: StoredLogin): Promise<void>;
  /** Forgets one app's login; forgetting an unknown one is not an error. */
  clear(clientId: string): Promise<void>;
  /** The client ids with a stored login, sorted. */
  clientIds(): Promise<string[]>;
  /**
   * Runs `work` with other processes' changes to this store held off, so that a refresh can read the
   * login, spend its refresh token and save the new pair without another process doing the same in
   * between. Optional: a store that no other process shares may leave it out.
   */
  exclusive?<T>(work: () => Promise<T>): Promise<T>;
}
