import type { PacerClock } from '../src/miro/credit-pacer.js';

/**
 * Virtual time for pacing tests: `sleep` parks the caller until `run` advances the clock to its wake-up
 * time. `run` lets every pending promise settle, then jumps to the earliest sleeper, until the work is done,
 * so a simulated minute of rate-limited traffic takes milliseconds and gives the same figures every time.
 */
export class VirtualClock implements PacerClock {
  #now: number;
  #sleepers: Array<{ at: number; order: number; wake: () => void }> = [];
  #order = 0;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#sleepers.push({ at: this.#now + Math.max(0, ms), order: this.#order++, wake: resolve });
    });
  }

  /** Drives virtual time until `work` settles; fails if it stalls with nobody sleeping. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const finished = work.finally(() => {
      done = true;
    });
    while (!done) {
      await settle();
      if (done) break;
      this.#sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.#sleepers.shift();
      if (!next) throw new Error('virtual clock stalled: work is pending but nothing is sleeping');
      this.#now = Math.max(this.#now, next.at);
      next.wake();
    }
    return finished;
  }
}

/** Lets queued promise callbacks and I/O-free continuations run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
