/**
 * When a failed Miro call is tried again, and after how long.
 *
 * - 429: always; the credit pacer holds the retry until the window's reset, so no extra backoff.
 * - 5xx: always, with jittered exponential backoff. Miro applies nothing when it answers 5xx, so even a
 *   create is safe to repeat.
 * - No response (dropped connection, timeout): reads, updates and deletes are idempotent and retried.
 *   A create is retried only when the request certainly never reached Miro (connection refused, name
 *   not resolved, or the body not even written out); otherwise Miro may have made the item, and a retry
 *   could make it twice. Such a create fails with a clear error instead, and the sync, which reads the
 *   board before writing, reconciles on the next run. `retryUncertainCreates` lets a caller that
 *   de-duplicates by itself choose otherwise.
 */

/** Did the request reach Miro? Decided from the network error and whether the body was fully written. */
export type Delivery = 'not_sent' | 'maybe_sent';

export type CallFailure =
  | { kind: 'status'; status: number }
  | { kind: 'network'; code: string; delivery: Delivery };

export interface RetryContext {
  /** Reads, updates (PATCH sets fields) and deletes can be repeated without changing the outcome. */
  idempotent: boolean;
  retryUncertainCreates: boolean;
}

export type RetryVerdict = 'retry_after_backoff' | 'retry_when_budget_allows' | 'give_up';

export function retryVerdict(failure: CallFailure, context: RetryContext): RetryVerdict {
  if (failure.kind === 'status') {
    if (failure.status === 429) return 'retry_when_budget_allows';
    return failure.status >= 500 && failure.status <= 599 ? 'retry_after_backoff' : 'give_up';
  }
  if (failure.delivery === 'not_sent' || context.idempotent || context.retryUncertainCreates) {
    return 'retry_after_backoff';
  }
  return 'give_up';
}

/** Network error codes after which the request cannot have reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

export function deliveryOf(code: string, bodyFullyWritten: boolean): Delivery {
  return NOT_SENT_CODES.has(code) || !bodyFullyWritten ? 'not_sent' : 'maybe_sent';
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 8_000 };

/**
 * Delay before retry number `retry` (1 for the first retry): exponential, capped, with "equal jitter"
 * (half fixed, half random) so that parallel calls failing together do not come back together, yet
 * never retry immediately. `random` returns a number in [0, 1).
 */
export function backoffDelayMs(retry: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}
