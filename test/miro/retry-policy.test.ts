import { describe, expect, it } from 'vitest';
import { backoffDelayMs, deliveryOf, retryVerdict, type CallFailure } from '../../src/miro/retry-policy.js';

const read = { idempotent: true, retryUncertainCreates: false };
const create = { idempotent: false, retryUncertainCreates: false };

describe('retryVerdict', () => {
  it('waits for the budget after a 429, for any method', () => {
    expect(retryVerdict({ kind: 'status', status: 429 }, read)).toBe('retry_when_budget_allows');
    expect(retryVerdict({ kind: 'status', status: 429 }, create)).toBe('retry_when_budget_allows');
  });

  it('retries 5xx with backoff, creates included (Miro applies nothing on 5xx)', () => {
    for (const status of [500, 502, 503, 504]) {
      expect(retryVerdict({ kind: 'status', status }, read)).toBe('retry_after_backoff');
      expect(retryVerdict({ kind: 'status', status }, create)).toBe('retry_after_backoff');
    }
  });

  it('never retries other 4xx', () => {
    for (const status of [400, 401, 403, 404, 409, 413]) {
      expect(retryVerdict({ kind: 'status', status }, read)).toBe('give_up');
    }
  });

  it('retries a dropped connection for idempotent calls only, unless the request never left', () => {
    const dropped: CallFailure = { kind: 'network', code: 'ECONNRESET', delivery: 'maybe_sent' };
    const refused: CallFailure = { kind: 'network', code: 'ECONNREFUSED', delivery: 'not_sent' };
    expect(retryVerdict(dropped, read)).toBe('retry_after_backoff');
    expect(retryVerdict(dropped, create)).toBe('give_up');
    expect(retryVerdict(dropped, { idempotent: false, retryUncertainCreates: true })).toBe('retry_after_backoff');
    expect(retryVerdict(refused, create)).toBe('retry_after_backoff');
  });
});

describe('deliveryOf', () => {
  it('knows which failures happen before anything reaches the server', () => {
    expect(deliveryOf('ECONNREFUSED', true)).toBe('not_sent');
    expect(deliveryOf('ENOTFOUND', false)).toBe('not_sent');
    expect(deliveryOf('ECONNRESET', false)).toBe('not_sent');
    expect(deliveryOf('ECONNRESET', true)).toBe('maybe_sent');
    expect(deliveryOf('ETIMEDOUT', true)).toBe('maybe_sent');
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base, keeps at least half, and stops at the cap', () => {
    const options = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelayMs(1, () => 0, options)).toBe(50);
    expect(backoffDelayMs(1, () => 0.999999, options)).toBe(100);
    expect(backoffDelayMs(2, () => 0, options)).toBe(100);
    expect(backoffDelayMs(3, () => 0.5, options)).toBe(300);
    expect(backoffDelayMs(10, () => 0.999999, options)).toBe(1_000);
    expect(backoffDelayMs(10, () => 0, options)).toBe(500);
  });

  it('spreads calls that failed together', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelayMs(3, random)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
