import { describe, expect, it } from 'vitest';
import { CreditPacer, type CallOutcome } from '../../src/miro/credit-pacer.js';
import { simulatePacedCalls } from '../../scripts/simulated-miro.js';
import { VirtualClock } from '../../scripts/virtual-clock.js';

const START = 1_700_000_000_000;

function headers(limit: number, remaining: number, resetAtMs: number): CallOutcome {
  return { snapshot: { limit, remaining, resetAtMs }, rateLimited: false, retryAfterMs: null };
}

describe('CreditPacer', () => {
  it('lets calls through without waiting while they fit in the budget', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, clock });
    const reservations = await clock.run(Promise.all(Array.from({ length: 10 }, () => pacer.reserve(100))));
    expect(reservations.map((r) => r.waitedMs)).toEqual(Array(10).fill(0));
    expect(pacer.state()).toMatchObject({ remaining: 0, inFlightCredits: 1_000 });
  });

  it('holds the call that does not fit until the window the server announced has reset', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, resetMarginMs: 100, clock });
    const first = await clock.run(pacer.reserve(900));
    pacer.settle(first, headers(1_000, 100, START + 5_000));
    const second = await clock.run(pacer.reserve(200));
    expect(second.waitedMs).toBeGreaterThanOrEqual(5_100);
    expect(second.waitedMs).toBeLessThan(5_400);
    expect(pacer.state().remaining).toBe(800);
  });

  it('adopts the budget the server states in X-RateLimit-Limit', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 100_000, clock });
    const first = await clock.run(pacer.reserve(100));
    pacer.settle(first, headers(500, 400, START + 2_000));
    expect(pacer.state()).toMatchObject({ limit: 500, remaining: 400, windowKnown: true, windowEndsAtMs: START + 2_000 });
  });

  it('counts credits that another client spent in the same window', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 10_000, clock });
    const a = await clock.run(pacer.reserve(100));
    const b = await clock.run(pacer.reserve(100));
    pacer.settle(a, headers(10_000, 9_900, START + 60_000));
    expect(pacer.state().remaining).toBe(9_800);
    // The server says only 3,000 are left: someone else spent 6,900. Call b is still in flight.
    pacer.settle(b, headers(10_000, 3_000, START + 60_000));
    expect(pacer.state().remaining).toBe(3_000);
  });

  it('ignores an answer from a window that has already ended', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, clock });
    const first = await clock.run(pacer.reserve(100));
    pacer.settle(first, headers(1_000, 0, START - 1));
    expect(pacer.state().remaining).toBe(900);
  });

  it('after a 429 waits until the reset it announced, then spends the new window', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, resetMarginMs: 50, clock });
    const first = await clock.run(pacer.reserve(100));
    pacer.settle(first, { snapshot: { limit: 1_000, remaining: 0, resetAtMs: START + 3_000 }, rateLimited: true, retryAfterMs: null });
    const retry = await clock.run(pacer.reserve(100));
    expect(clock.now()).toBeGreaterThanOrEqual(START + 3_050);
    expect(retry.waitedMs).toBeGreaterThanOrEqual(3_050);
    expect(pacer.state().remaining).toBe(900);
  });

  it('after a 429 without a usable reset holds calls for Retry-After', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, clock });
    const first = await clock.run(pacer.reserve(100));
    pacer.settle(first, { snapshot: null, rateLimited: true, retryAfterMs: 7_000 });
    await clock.run(pacer.reserve(100));
    expect(clock.now()).toBeGreaterThanOrEqual(START + 7_000);
  });

  it('sends a call dearer than a whole window once a fresh window starts, instead of waiting forever', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, clock });
    const big = await clock.run(pacer.reserve(2_000));
    expect(big.waitedMs).toBe(0);
  });

  it('admits reservations in order, so a bulk call is not starved by smaller ones', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, windowMs: 10_000, clock });
    await clock.run(pacer.reserve(900));
    const order: string[] = [];
    const big = pacer.reserve(800).then(() => order.push('big'));
    const small = pacer.reserve(50).then(() => order.push('small'));
    await clock.run(Promise.all([big, small]));
    expect(order).toEqual(['big', 'small']);
  });

  it('near the end of a window sends only calls that also fit in the next window, counting them there too', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, boundaryGuardMs: 250, resetMarginMs: 0, clock });
    const first = await clock.run(pacer.reserve(100));
    pacer.settle(first, headers(1_000, 900, START + 10_000));
    await clock.run(clock.sleep(9_900)); // 100 ms before the reset
    const late = await clock.run(pacer.reserve(600));
    expect(late.waitedMs).toBe(0);
    expect(late.carriedFromWindowEndMs).toBe(START + 10_000);
    // 300 left here and 400 in the next window once the late call is counted there: 600 must wait.
    const next = pacer.reserve(600);
    await clock.run(clock.sleep(50));
    // The late call's answer shows it was counted before the reset: the next window is whole again.
    pacer.settle(late, headers(1_000, 300, START + 10_000));
    const admitted = await clock.run(next);
    expect(clock.now()).toBeGreaterThanOrEqual(START + 10_000);
    expect(clock.now()).toBeLessThan(START + 10_300);
    expect(admitted.carriedFromWindowEndMs).toBeNull();
    expect(pacer.state().remaining).toBe(400);
  });

  it('keeps a carried call counted in the next window while its answer is unknown', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, boundaryGuardMs: 250, resetMarginMs: 0, clock });
    const first = await clock.run(pacer.reserve(100));
    pacer.settle(first, headers(1_000, 900, START + 10_000));
    await clock.run(clock.sleep(9_900));
    await clock.run(pacer.reserve(600));
    await clock.run(clock.sleep(200)); // past the reset
    await clock.run(pacer.reserve(100));
    expect(pacer.state().remaining).toBe(300);
  });

  it('follows the server up when it counted fewer credits than we did', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, clock });
    const a = await clock.run(pacer.reserve(500));
    const b = await clock.run(pacer.reserve(100));
    // Call a was counted in the previous window, so the server still has 900 left after call b; a is settled.
    pacer.settle(a, headers(1_000, 1_000, START + 30_000));
    pacer.settle(b, headers(1_000, 900, START + 30_000));
    expect(pacer.state().remaining).toBe(900);
  });

  it('does not wait for ever on a reset announced absurdly far away', async () => {
    const clock = new VirtualClock(START);
    const pacer = new CreditPacer({ creditsPerMinute: 1_000, maxWaitMs: 65_000, clock });
    const first = await clock.run(pacer.reserve(1_000));
    pacer.settle(first, headers(1_000, 0, START + 3_600_000));
    const next = await clock.run(pacer.reserve(100));
    expect(next.waitedMs).toBeGreaterThanOrEqual(65_000);
    expect(next.waitedMs).toBeLessThan(66_000);
  });

  it('rejects a budget that is not positive', () => {
    expect(() => new CreditPacer({ creditsPerMinute: 0 })).toThrow(RangeError);
  });
});

describe('pacing against the emulator rate limiter (virtual time, 80 ms latency, 8 in flight)', () => {
  it('spends a one-minute budget three times over with no 429 and within 15% of the floor', async () => {
    const result = await simulatePacedCalls({
      calls: 3_000,
      creditsPerCall: 100,
      concurrency: 8,
      latencyMs: 80,
      serverBudget: 100_000,
      serverWindowMs: 60_000,
    });
    expect(result.rejected429).toBe(0);
    expect(result.elapsedMs).toBeLessThanOrEqual(result.floorMs * 1.15);
  });

  it('learns a smaller budget and a short window from the answers', async () => {
    const result = await simulatePacedCalls({
      calls: 200,
      creditsPerCall: 100,
      concurrency: 8,
      latencyMs: 80,
      serverBudget: 1_000,
      serverWindowMs: 2_000,
    });
    expect(result.rejected429).toBe(0);
    expect(result.elapsedMs).toBeLessThanOrEqual(result.floorMs * 1.15);
  });

  it('paces bulk calls (2,000 credits each) as well', async () => {
    const result = await simulatePacedCalls({
      calls: 150,
      creditsPerCall: 2_000,
      concurrency: 8,
      latencyMs: 80,
      serverBudget: 100_000,
      serverWindowMs: 60_000,
    });
    expect(result.rejected429).toBe(0);
    expect(result.elapsedMs).toBeLessThanOrEqual(result.floorMs * 1.15);
  });

  it('copes with a budget partly spent by another run before it started', async () => {
    const result = await simulatePacedCalls({
      calls: 500,
      creditsPerCall: 100,
      concurrency: 8,
      latencyMs: 80,
      serverBudget: 10_000,
      serverWindowMs: 6_000,
      spentElsewhere: 9_500,
    });
    // The first answers reveal the spent budget; at most the first few calls in flight can be refused.
    expect(result.rejected429).toBeLessThanOrEqual(8);
    expect(result.elapsedMs).toBeLessThanOrEqual(result.floorMs * 1.25);
  });
});
