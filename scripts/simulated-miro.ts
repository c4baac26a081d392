import { ConcurrencyGate } from '../src/util/concurrency-gate.js';
import { CreditPacer } from '../src/miro/credit-pacer.js';
import { CreditRateLimiter } from './miro-emulator/rate-limiter.js';
import { VirtualClock } from './virtual-clock.js';

/**
 * Many calls paced by the client's CreditPacer against the emulator's own rate limiter, in virtual time:
 * each call waits for a slot and budget, reaches the "server" after half the latency, and its answer
 * (with the X-RateLimit-* figures) returns after the other half. A 429 is retried, as the client does.
 */
export interface SimulationInput {
  calls: number;
  creditsPerCall: number;
  concurrency: number;
  latencyMs: number;
  serverBudget: number;
  serverWindowMs: number;
  /** What the client assumes before the first answer (Miro's documented 100,000). */
  clientAssumedBudget?: number;
  startMs?: number;
  /** Credits someone else spends in the server's first window before the run starts. */
  spentElsewhere?: number;
}

export interface SimulationResult {
  elapsedMs: number;
  rejected429: number;
  /** The time the rate limit alone forces: total credits over the budget rate. */
  floorMs: number;
}

export async function simulatePacedCalls(input: SimulationInput): Promise<SimulationResult> {
  const start = input.startMs ?? 1_700_000_012_345;
  const clock = new VirtualClock(start);
  const server = new CreditRateLimiter({ creditsPerWindow: input.serverBudget, windowMs: input.serverWindowMs, now: () => clock.now() });
  if (input.spentElsewhere) server.charge('token', input.spentElsewhere);
  const pacer = new CreditPacer({ creditsPerMinute: input.clientAssumedBudget ?? 100_000, clock });
  const gate = new ConcurrencyGate(input.concurrency);
  let rejected429 = 0;

  const oneCall = async (): Promise<void> => {
    for (;;) {
      const accepted = await gate.run(async () => {
        const reservation = await pacer.reserve(input.creditsPerCall);
        await clock.sleep(input.latencyMs / 2);
        const decision = server.charge('token', input.creditsPerCall);
        await clock.sleep(input.latencyMs / 2);
        pacer.settle(reservation, {
          snapshot: { limit: decision.limit, remaining: decision.remaining, resetAtMs: decision.resetEpochSeconds * 1000 },
          rateLimited: !decision.allowed,
          retryAfterMs: null,
        });
        return decision.allowed;
      });
      if (accepted) return;
      rejected429 += 1;
    }
  };

  await clock.run(Promise.all(Array.from({ length: input.calls }, () => oneCall())));
  const totalCredits = input.calls * input.creditsPerCall;
  return {
    elapsedMs: clock.now() - start,
    rejected429,
    floorMs: (totalCredits / input.serverBudget) * input.serverWindowMs,
  };
}
