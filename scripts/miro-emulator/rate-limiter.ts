/**
 * Miro's credit-based rate limit: each token has a budget of credits per fixed window (100,000 per minute
 * by default); each call costs its operation's credits. Windows are aligned to multiples of the window
 * length on the emulator's clock, so a test with an injected clock knows exactly when one resets.
 */

export interface RateLimitDecision {
  allowed: boolean;
  /** Budget per window (X-RateLimit-Limit). */
  limit: number;
  /** Credits left in the window after this call (X-RateLimit-Remaining). */
  remaining: number;
  /** End of the current window, epoch seconds (X-RateLimit-Reset). */
  resetEpochSeconds: number;
}

export interface RateLimiterOptions {
  creditsPerWindow: number;
  windowMs: number;
  now: () => number;
}

export class CreditRateLimiter {
  readonly #options: RateLimiterOptions;
  /** Keyed by token; tokens live only in the emulator's memory. */
  readonly #usage = new Map<string, { windowStart: number; used: number }>();

  constructor(options: RateLimiterOptions) {
    if (!(options.creditsPerWindow > 0) || !(options.windowMs > 0)) throw new Error('CreditRateLimiter: budget and window must be positive');
    this.#options = options;
  }

  /** Charges `credits` to `key` when they fit in the window's budget; a rejected call costs nothing. */
  charge(key: string, credits: number): RateLimitDecision {
    const { creditsPerWindow, windowMs, now } = this.#options;
    const windowStart = Math.floor(now() / windowMs) * windowMs;
    let usage = this.#usage.get(key);
    if (!usage || usage.windowStart !== windowStart) {
      usage = { windowStart, used: 0 };
      this.#usage.set(key, usage);
    }
    const allowed = usage.used + credits <= creditsPerWindow;
    if (allowed) usage.used += credits;
    return {
      allowed,
      limit: creditsPerWindow,
      remaining: creditsPerWindow - usage.used,
      resetEpochSeconds: Math.ceil((windowStart + windowMs) / 1000),
    };
  }
}
