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

/** Thrown by `runLimited` when its signal stopped it; `done` counts the tasks that finished. */
export class LimitedRunCancelled extends Error {
  constructor(readonly done: number) {
    super('cancelled');
  }
}

export interface LimitedRunOptions {
  /** A cancel: tasks that have not started are skipped; the ones in flight get `settleMs` to finish. */
  signal?: AbortSignal;
  settleMs?: number;
}

const DEFAULT_SETTLE_MS = 5000;

/**
 * Runs `tasks` at most `limit` at a time, in order. The first failure stops tasks that have not started;
 * tasks already running finish, then that failure is thrown (a re-run converges from whatever got done).
 * A cancel stops new tasks the same way and throws `LimitedRunCancelled` once the ones in flight are done
 * or `settleMs` has passed (a call stuck in a retry must not hold the exit).
 */
export async function runLimited(
  tasks: readonly (() => Promise<void>)[],
  limit: number,
  options: LimitedRunOptions = {},
): Promise<void> {
  const { signal } = options;
  const gate = new ConcurrencyGate(Math.max(1, limit));
  let done = 0;
  let failure: { error: unknown } | null = null;
  const all = Promise.all(
    tasks.map((task) =>
      gate.run(async () => {
        if (failure !== null || signal?.aborted) return;
        try {
          await task();
          done++;
        } catch (error) {
          failure ??= { error };
        }
      }),
    ),
  );
  if (signal === undefined) await all;
  else await untilSettledAfterCancel(all, signal, options.settleMs ?? DEFAULT_SETTLE_MS);
  if (signal?.aborted) throw new LimitedRunCancelled(done);
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** The tasks' end; after a cancel, at most `settleMs` more. */
async function untilSettledAfterCancel(all: Promise<unknown>, signal: AbortSignal, settleMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let giveUp: (() => void) | undefined;
  const settled = new Promise<void>((resolve) => {
    giveUp = () => {
      timer = setTimeout(resolve, settleMs);
    };
    if (signal.aborted) giveUp();
    else signal.addEventListener('abort', giveUp, { once: true });
  });
  try {
    await Promise.race([all, settled]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (giveUp !== undefined) signal.removeEventListener('abort', giveUp);
  }
}
