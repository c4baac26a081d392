/**
 * Runs write calls a few at a time. The client paces them to the credit budget; running several at once
 * keeps network latency from being the bottleneck. The first failure stops new calls from starting;
 * calls already running finish, then that failure is thrown (a re-run converges from whatever got done).
 * A cancel (`signal`) stops new calls the same way; the calls in flight get `settleMs` to finish.
 */

/** Thrown by `runPool` when its signal stopped it; `done` counts the tasks that finished. */
export class PoolCancelled extends Error {
  constructor(readonly done: number) {
    super('cancelled');
  }
}

export interface PoolOptions {
  signal?: AbortSignal;
  /** How long a cancel waits for the calls in flight. */
  settleMs?: number;
}

const DEFAULT_SETTLE_MS = 5000;

export async function runPool(tasks: readonly (() => Promise<void>)[], concurrency: number, options: PoolOptions = {}): Promise<void> {
  const { signal } = options;
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && !signal?.aborted && next < tasks.length) {
      const task = tasks[next++]!;
      try {
        await task();
        done++;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
  if (signal === undefined) await workers;
  else await untilCancelledAndSettled(workers, signal, options.settleMs ?? DEFAULT_SETTLE_MS);
  if (signal?.aborted) throw new PoolCancelled(done);
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** The workers' end; after a cancel, at most `settleMs` more (a call stuck in a retry must not hold the exit). */
async function untilCancelledAndSettled(workers: Promise<unknown>, signal: AbortSignal, settleMs: number): Promise<void> {
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
    await Promise.race([workers, settled]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (giveUp !== undefined) signal.removeEventListener('abort', giveUp);
  }
}
