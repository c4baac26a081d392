/**
 * Runs write calls a few at a time. The client paces them to the credit budget; running several at once
 * keeps network latency from being the bottleneck. The first failure stops new calls from starting;
 * calls already running finish, then that failure is thrown (a re-run converges from whatever got done).
 */
export async function runPool(tasks: readonly (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < tasks.length) {
      const task = tasks[next++]!;
      try {
        await task();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
