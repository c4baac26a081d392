/**
 * What a Miro response says about the caller's credit budget. Miro sends these on every response:
 * `X-RateLimit-Limit` (credits per window), `X-RateLimit-Remaining` and `X-RateLimit-Reset` (epoch
 * seconds when the window ends). The HTTP `Date` header lets us correct for a skewed local clock.
 */
export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  /** When the server's current window ends, in local epoch milliseconds (corrected for clock skew). */
  resetAtMs: number;
}

/** Header values as any HTTP library hands them out (lower-case names). */
export type ResponseHeaders = Readonly<Record<string, string | string[] | number | undefined | null>>;

/** Below this difference between our clock and the server's `Date`, trust our clock: `Date` has 1 s resolution. */
const SKEW_TOLERANCE_MS = 2_000;

export function readRateLimit(headers: ResponseHeaders, nowMs: number): RateLimitSnapshot | null {
  const limit = headerNumber(headers, 'x-ratelimit-limit');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const resetSeconds = headerNumber(headers, 'x-ratelimit-reset');
  if (limit === null || remaining === null || resetSeconds === null || limit <= 0) return null;
  return {
    limit,
    remaining: Math.max(0, remaining),
    resetAtMs: resetSeconds * 1000 - clockSkewMs(headers, nowMs),
  };
}

/** Seconds from a `Retry-After` header (delta-seconds form only; Miro does not send dates there). */
export function readRetryAfterMs(headers: ResponseHeaders): number | null {
  const seconds = headerNumber(headers, 'retry-after');
  return seconds === null || seconds < 0 ? null : seconds * 1000;
}

/** How far the server's clock runs ahead of ours (negative: behind); 0 when within `Date`'s resolution. */
export function clockSkewMs(headers: ResponseHeaders, nowMs: number): number {
  const date = headerString(headers, 'date');
  if (date === null) return 0;
  const serverMs = Date.parse(date);
  if (Number.isNaN(serverMs)) return 0;
  const skew = serverMs - nowMs;
  return Math.abs(skew) < SKEW_TOLERANCE_MS ? 0 : skew;
}

function headerString(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value[0] ?? null;
  return String(value);
}

function headerNumber(headers: ResponseHeaders, name: string): number | null {
  const text = headerString(headers, name);
  if (text === null || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
