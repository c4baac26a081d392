import { describe, expect, it } from 'vitest';
import { readRateLimit, readRetryAfterMs } from '../../src/miro/rate-limit-headers.js';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

describe('readRateLimit', () => {
  it("reads Miro's X-RateLimit-* headers", () => {
    const headers = { 'x-ratelimit-limit': '100000', 'x-ratelimit-remaining': '99850', 'x-ratelimit-reset': String(NOW / 1000 + 42) };
    expect(readRateLimit(headers, NOW)).toEqual({ limit: 100_000, remaining: 99_850, resetAtMs: NOW + 42_000 });
  });

  it('is null when a header is missing or not a number', () => {
    expect(readRateLimit({ 'x-ratelimit-limit': '100000', 'x-ratelimit-remaining': '5' }, NOW)).toBeNull();
    expect(readRateLimit({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '1' }, NOW)).toBeNull();
  });

  it("corrects the reset for a local clock that is off, using the server's Date", () => {
    // The server's clock says 10 s later than ours: its reset is 10 s earlier on our clock.
    const headers = {
      'x-ratelimit-limit': '100000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(NOW / 1000 + 10 + 30),
      date: new Date(NOW + 10_000).toUTCString(),
    };
    expect(readRateLimit(headers, NOW)?.resetAtMs).toBe(NOW + 30_000);
  });

  it('ignores a Date within its one-second resolution', () => {
    const headers = {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(NOW / 1000 + 5),
      date: new Date(NOW - 900).toUTCString(),
    };
    expect(readRateLimit(headers, NOW)?.resetAtMs).toBe(NOW + 5_000);
  });
});

describe('readRetryAfterMs', () => {
  it('reads delta seconds', () => {
    expect(readRetryAfterMs({ 'retry-after': '3' })).toBe(3_000);
    expect(readRetryAfterMs({})).toBeNull();
  });
});
