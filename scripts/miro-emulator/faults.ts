/**
 * Failures a test can make the emulator produce, to exercise the client's retries and the sync's recovery:
 * 5xx answers (the next N requests, or with a seeded probability), dropped connections, latency, and a
 * "crash" after N write calls after which every connection is dropped until `clear()`.
 * Each fault can be limited to one operation.
 */
import { seededRandom } from '../../src/util/seeded-random.js';

export type FaultAction =
  | { kind: 'none' }
  /** Answer with this 5xx status without handling the request. */
  | { kind: 'status'; status: number }
  /** Destroy the socket; `afterHandling` applies the request first, so the client cannot know it succeeded. */
  | { kind: 'drop'; afterHandling: boolean };

export interface FaultScope {
  /** Only requests to this operation (operationId) are affected. */
  operationId?: string;
}

interface CountedFault {
  remaining: number;
  operationId: string | undefined;
  action: Exclude<FaultAction, { kind: 'none' }>;
}

interface RandomFault {
  probability: number;
  random: () => number;
  operationId: string | undefined;
  status: number;
}

function checkStatus(status: number): number {
  if (!Number.isInteger(status) || status < 500 || status > 599) throw new Error(`FaultInjector: ${status} is not a 5xx status`);
  return status;
}

export class FaultInjector {
  #counted: CountedFault[] = [];
  #random: RandomFault[] = [];
  #latencyMs = 0;
  #crashAfterWrites: number | undefined;
  #writesSeen = 0;

  /** Answer the next `count` matching requests with `status` (default 500). */
  failNext(count: number, options: FaultScope & { status?: number } = {}): this {
    this.#counted.push({ remaining: count, operationId: options.operationId, action: { kind: 'status', status: checkStatus(options.status ?? 500) } });
    return this;
  }

  /** Answer each matching request with `status` (default 503) with this probability, drawn from a seeded RNG. */
  failRandomly(probability: number, options: FaultScope & { seed: number; status?: number }): this {
    if (!(probability >= 0 && probability <= 1)) throw new Error('FaultInjector: probability must be within 0..1');
    this.#random.push({ probability, random: seededRandom(options.seed), operationId: options.operationId, status: checkStatus(options.status ?? 503) });
    return this;
  }

  /** Destroy the connection of the next `count` matching requests, before or after handling them. */
  dropNext(count: number, options: FaultScope & { afterHandling?: boolean } = {}): this {
    this.#counted.push({ remaining: count, operationId: options.operationId, action: { kind: 'drop', afterHandling: options.afterHandling ?? false } });
    return this;
  }

  /** Delay every response by `ms` (a real network round trip to Miro is about 80 ms). */
  setLatency(ms: number): this {
    if (!(ms >= 0)) throw new Error('FaultInjector: latency must be >= 0');
    this.#latencyMs = ms;
    return this;
  }

  /** After `writes` more write calls have been handled, drop every connection until `clear()`. */
  crashAfterWrites(writes: number): this {
    this.#crashAfterWrites = writes;
    this.#writesSeen = 0;
    return this;
  }

  /** Removes every fault and latency; the emulator answers normally again (its boards are kept). */
  clear(): this {
    this.#counted = [];
    this.#random = [];
    this.#latencyMs = 0;
    this.#crashAfterWrites = undefined;
    this.#writesSeen = 0;
    return this;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** True once the configured number of writes has been handled ("the server died"). */
  get crashed(): boolean {
    return this.#crashAfterWrites !== undefined && this.#writesSeen >= this.#crashAfterWrites;
  }

  /** The fault for this request, consuming one use of a counted fault. */
  decide(operationId: string): FaultAction {
    if (this.crashed) return { kind: 'drop', afterHandling: false };
    const counted = this.#counted.find((fault) => fault.remaining > 0 && (fault.operationId === undefined || fault.operationId === operationId));
    if (counted) {
      counted.remaining -= 1;
      this.#counted = this.#counted.filter((fault) => fault.remaining > 0);
      return counted.action;
    }
    for (const fault of this.#random) {
      if (fault.operationId !== undefined && fault.operationId !== operationId) continue;
      if (fault.random() < fault.probability) return { kind: 'status', status: fault.status };
    }
    return { kind: 'none' };
  }

  /** Called by the server after it handled a write call (whatever the outcome). */
  recordWrite(): void {
    if (this.#crashAfterWrites !== undefined) this.#writesSeen += 1;
  }
}
