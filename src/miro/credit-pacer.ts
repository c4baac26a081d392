import type { RateLimitSnapshot } from './rate-limit-headers.js';

/**
 * Spends Miro's credit budget without tripping its rate limit.
 *
 * Miro counts credits in fixed windows (100,000 per minute per user and app) and says on every response
 * how many are left and when the window ends. Within a fixed window the fastest safe schedule is to
 * spend the whole budget as fast as the calls go out, then wait for the reset: smoothing the calls over
 * the minute would only make a large board slower. So the pacer keeps a local count of the credits left
 * in the current window (every call reserves its cost before it is sent, so parallel calls never
 * overspend together), lets calls through while they fit, and holds the next one until the window's
 * reset when they do not. Responses keep the count in step with the server: they give the window's end
 * and reveal credits spent elsewhere (another run with the same token), and a 429 blocks until its reset.
 *
 * A call sent in the last moments of a window may reach the server after the reset and count in the next
 * window instead; such a call must fit in both, and is counted in both ("carried" into the next).
 *
 * Reservations are admitted strictly in order, so a large bulk call is not starved by small ones.
 */

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface CreditPacerOptions {
  /** Budget assumed until the server states its own in `X-RateLimit-Limit`. */
  creditsPerMinute: number;
  /** Window length assumed until the server states a reset time; Miro's is one minute. */
  windowMs?: number;
  /** Wait this long past a reset before spending the next window, to absorb rounding of the reset to whole seconds. */
  resetMarginMs?: number;
  /** After a 429 whose reset is unusable (missing or already past), and no Retry-After: hold calls this long. */
  fallbackBlockMs?: number;
  /** Longest wait for a reset: one further away than this is a clock or server oddity, and a new window is assumed. */
  maxWaitMs?: number;
  /**
   * A call sent this close to a window's end may land in the next window (network latency, queueing).
   * Widened to the slowest recent round trip when that is longer.
   */
  boundaryGuardMs?: number;
  clock?: PacerClock;
}

export interface CreditReservation {
  readonly credits: number;
  /** How long the call waited for budget, in ms (0 when it went straight through). */
  readonly waitedMs: number;
  /** Set when the call went out near the end of a window and was counted in the next one too: that window's end. */
  readonly carriedFromWindowEndMs: number | null;
}

/** What the response to a reserved call told us; `snapshot` is null when no response came or it had no headers. */
export interface CallOutcome {
  snapshot: RateLimitSnapshot | null;
  rateLimited: boolean;
  retryAfterMs: number | null;
  /** How long the exchange took; slow round trips widen the guard at the end of a window. */
  roundTripMs?: number;
}

export interface PacerState {
  limit: number;
  remaining: number;
  windowEndsAtMs: number;
  windowKnown: boolean;
  inFlightCredits: number;
}

/** While waiting, look again this often: a response in flight may reveal a new window or a lower budget. */
const RECHECK_MS = 250;
/** Reset times come in whole seconds; two within this distance name the same window. */
const SAME_WINDOW_TOLERANCE_MS = 900;

export class CreditPacer {
  readonly #windowMs: number;
  readonly #resetMarginMs: number;
  readonly #fallbackBlockMs: number;
  readonly #maxWaitMs: number;
  readonly #boundaryGuardMs: number;
  readonly #clock: PacerClock;

  #limit: number;
  #remaining: number;
  /** End of the current window: from the server once a response told us, else assumed from `windowMs`. */
  #windowEndsAtMs: number | null = null;
  #windowKnown = false;
  /** Credits of calls sent near the end of the window that may be counted in the next one. */
  #carried = 0;
  /** Recent slowest round trip, decaying, in ms. */
  #slowRoundTripMs = 0;
  #blockedUntilMs = 0;
  #inFlightCredits = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: CreditPacerOptions) {
    if (!(options.creditsPerMinute > 0)) throw new RangeError('creditsPerMinute must be positive');
    this.#limit = options.creditsPerMinute;
    this.#remaining = options.creditsPerMinute;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#resetMarginMs = options.resetMarginMs ?? 100;
    this.#fallbackBlockMs = options.fallbackBlockMs ?? 1_000;
    this.#maxWaitMs = options.maxWaitMs ?? this.#windowMs + 5_000;
    this.#boundaryGuardMs = options.boundaryGuardMs ?? 250;
    this.#clock = options.clock ?? systemClock;
  }

  /** Resolves when `credits` may be spent now; the caller must `settle` the reservation once the call ends. */
  reserve(credits: number): Promise<CreditReservation> {
    const admitted = this.#queue.then(() => this.#admit(credits));
    this.#queue = admitted.catch(() => undefined);
    return admitted;
  }

  settle(reservation: CreditReservation, outcome: CallOutcome): void {
    this.#inFlightCredits -= reservation.credits;
    const now = this.#clock.now();
    if (outcome.roundTripMs !== undefined) {
      this.#slowRoundTripMs = Math.max(outcome.roundTripMs, this.#slowRoundTripMs * 0.9);
    }
    const { snapshot } = outcome;
    if (snapshot !== null) {
      this.#uncarry(reservation, snapshot);
      this.#follow(snapshot, now);
    }
    if (outcome.rateLimited) {
      this.#remaining = 0;
      if (snapshot !== null && snapshot.resetAtMs > now) {
        this.#windowEndsAtMs = snapshot.resetAtMs;
        this.#windowKnown = true;
      } else {
        this.#blockedUntilMs = Math.max(this.#blockedUntilMs, now + (outcome.retryAfterMs ?? this.#fallbackBlockMs));
      }
    }
  }

  state(): PacerState {
    return {
      limit: this.#limit,
      remaining: this.#remaining,
      windowEndsAtMs: this.#windowEndsAtMs ?? this.#clock.now() + this.#windowMs,
      windowKnown: this.#windowKnown,
      inFlightCredits: this.#inFlightCredits,
    };
  }

  async #admit(credits: number): Promise<CreditReservation> {
    const startedAt = this.#clock.now();
    for (;;) {
      const now = this.#clock.now();
      this.#rollWindow(now);
      // A reset that keeps not coming (a clock far off, a server oddity) must not stall the run: start afresh.
      if (now - startedAt >= this.#maxWaitMs && now >= this.#blockedUntilMs) this.#startWindow(now);
      const waitMs = this.#waitNeeded(credits, now);
      if (waitMs <= 0) {
        const carried = this.#nearWindowEnd(now);
        if (carried) this.#carried += credits;
        this.#remaining -= credits;
        this.#inFlightCredits += credits;
        return { credits, waitedMs: now - startedAt, carriedFromWindowEndMs: carried ? this.#windowEndsAtMs : null };
      }
      await this.#clock.sleep(Math.min(waitMs, RECHECK_MS));
    }
  }

  #rollWindow(now: number): void {
    if (this.#windowEndsAtMs === null) {
      this.#windowEndsAtMs = now + this.#windowMs;
      this.#windowKnown = false;
      return;
    }
    if (now >= this.#windowEndsAtMs + this.#resetMarginMs) this.#startWindow(now);
  }

  /** A new window: full budget less what was carried into it; its end is assumed until an answer tells. */
  #startWindow(now: number): void {
    this.#remaining = this.#limit - this.#carried;
    this.#carried = 0;
    this.#windowEndsAtMs = now + this.#windowMs;
    this.#windowKnown = false;
  }

  #nearWindowEnd(now: number): boolean {
    const guardMs = Math.max(this.#boundaryGuardMs, this.#slowRoundTripMs);
    return this.#windowKnown && this.#windowEndsAtMs !== null && now + guardMs >= this.#windowEndsAtMs;
  }

  #waitNeeded(credits: number, now: number): number {
    if (now < this.#blockedUntilMs) return this.#blockedUntilMs - now;
    const untilReset = Math.max((this.#windowEndsAtMs ?? now) + this.#resetMarginMs - now, 1);
    const fitsNow = credits <= this.#remaining;
    // Near the end of the window the call may be counted in the next one as well: it must fit there too.
    if (fitsNow && this.#nearWindowEnd(now) && credits > this.#limit - this.#carried) return untilReset;
    if (fitsNow) return 0;
    // A call dearer than a whole window can only ever go with a fresh budget: send it then and let the server judge.
    if (credits > this.#limit && this.#remaining >= this.#limit) return 0;
    return untilReset;
  }

  /** A carried call whose answer shows it was counted in the window it was sent in no longer weighs on the next one. */
  #uncarry(reservation: CreditReservation, snapshot: RateLimitSnapshot): void {
    const sentInWindowEnd = reservation.carriedFromWindowEndMs;
    if (sentInWindowEnd === null || Math.abs(snapshot.resetAtMs - sentInWindowEnd) > SAME_WINDOW_TOLERANCE_MS) return;
    const rolledSince = this.#windowEndsAtMs !== sentInWindowEnd;
    if (rolledSince) this.#remaining += reservation.credits;
    else this.#carried = Math.max(0, this.#carried - reservation.credits);
  }

  /** Brings the local count in step with what the server said in one response. */
  #follow(snapshot: RateLimitSnapshot, now: number): void {
    if (snapshot.limit !== this.#limit) {
      this.#remaining += snapshot.limit - this.#limit;
      this.#limit = snapshot.limit;
    }
    // An answer from a window that has ended since says nothing about the current one.
    if (snapshot.resetAtMs <= now) return;
    const localEnd = this.#windowEndsAtMs;
    if (localEnd !== null && this.#windowKnown) {
      if (snapshot.resetAtMs < localEnd - SAME_WINDOW_TOLERANCE_MS) return;
      if (snapshot.resetAtMs > localEnd + SAME_WINDOW_TOLERANCE_MS) {
        // The server moved to its next window before we did: start over from its count.
        this.#windowEndsAtMs = snapshot.resetAtMs;
        this.#carried = 0;
        this.#remaining = this.#serverRemaining(snapshot);
        return;
      }
    } else {
      this.#windowEndsAtMs = snapshot.resetAtMs;
      this.#windowKnown = true;
    }
    // Same window. The server's count, less every call still in flight (it may not have counted them
    // yet), is a safe figure. Follow it down when something else spent credits (another run with the same
    // token, a window we misjudged), and up when we counted a call against this window that the server
    // counted in the previous one.
    const safe = this.#serverRemaining(snapshot);
    if (snapshot.remaining < this.#remaining || safe > this.#remaining) this.#remaining = safe;
  }

  /** The server's count minus the calls still in flight, which it may not have counted yet (the safe side). */
  #serverRemaining(snapshot: RateLimitSnapshot): number {
    return Math.max(0, snapshot.remaining - this.#inFlightCredits);
  }
}
