/**
 * At most `limit` calls in flight at once; the others wait their turn in arrival order. Miro allows
 * parallel calls, and with ~80 ms per round trip a few in flight are what brings a large board close
 * to the rate limit's floor; unbounded parallelism would only open sockets and trip 429s sooner.
 * The one concurrency limiter of the project: the Miro client's calls and the sync's write batches.
 */
export class ConcurrencyGate {
  readonly limit: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a whole number >= 1, got ${limit}`);
    this.limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  acquire(): Promise<void> {
    if (this.#active < this.limit) {
      this.#active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiter, so a late arrival cannot jump the queue. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }
}

/**
 * Runs `tasks` at most `limit` at a time, in order. The first failure stops tasks that have not started;
 * tasks already running finish, then that failure is thrown (a re-run converges from whatever got done).
 */
export async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  const gate = new ConcurrencyGate(Math.max(1, limit));
  let failure: { error: unknown } | null = null;
  await Promise.all(
    tasks.map((task) =>
      gate.run(async () => {
        if (failure !== null) return;
        try {
          await task();
        } catch (error) {
          failure ??= { error };
        }
      }),
    ),
  );
  if (failure !== null) throw (failure as { error: unknown }).error;
}
