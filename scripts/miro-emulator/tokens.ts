/**
 * The emulator's registry of access tokens, shared by the REST API's bearer check and the OAuth endpoints
 * (scripts/miro-emulator/oauth.ts). Tests issue tokens directly; the OAuth flow issues them through this too.
 */

export interface TokenInfo {
  /** Granted scopes, e.g. ['boards:read', 'boards:write']. */
  scopes: string[];
  /** Epoch milliseconds after which the token is expired; undefined = never. */
  expiresAt?: number;
  userId: string;
  teamId: string;
  /** When the token was issued, epoch milliseconds (by the emulator's clock). */
  issuedAt: number;
}

export interface IssueOptions {
  scopes?: string[];
  expiresAt?: number;
  userId?: string;
  teamId?: string;
}

export type TokenCheck =
  | { ok: true; info: TokenInfo }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Scopes a token gets when the test does not say: what schema-to-miro needs. */
export const DEFAULT_SCOPES: readonly string[] = ['boards:read', 'boards:write'];
export const DEFAULT_USER_ID = '3458764500000000001';
export const DEFAULT_TEAM_ID = '3458764500000000002';

export class EmulatorTokens {
  readonly #tokens = new Map<string, TokenInfo>();
  readonly #now: () => number;

  /** `now` is the emulator's clock (epoch ms), so expiry follows an injected clock. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(token: string, info: IssueOptions = {}): void {
    if (token.length === 0) throw new Error('EmulatorTokens.issue: empty token');
    this.#tokens.set(token, {
      scopes: [...(info.scopes ?? DEFAULT_SCOPES)],
      expiresAt: info.expiresAt,
      userId: info.userId ?? DEFAULT_USER_ID,
      teamId: info.teamId ?? DEFAULT_TEAM_ID,
      issuedAt: this.#now(),
    });
  }

  /** Revoking an unknown token is a no-op; returns whether a token was removed. */
  revoke(token: string): boolean {
    return this.#tokens.delete(token);
  }

  has(token: string): boolean {
    return this.#tokens.has(token);
  }

  check(token: string | undefined | null): TokenCheck {
    if (token === undefined || token === null || token.length === 0) return { ok: false, reason: 'missing' };
    const info = this.#tokens.get(token);
    if (!info) return { ok: false, reason: 'invalid' };
    if (info.expiresAt !== undefined && this.#now() >= info.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, info: { ...info, scopes: [...info.scopes] } };
  }
}
