/**
 * What the client tells its caller about its calls: one event per HTTP exchange, per retry and per wait
 * for credit budget (the CLI turns them into progress; the sync and benchmarks into figures), and
 * running totals. The client itself never logs.
 */

export type RequestEvent =
  | {
      type: 'response';
      operationId: string;
      method: string;
      status: number;
      /** 1 for the first try of this call. */
      attempt: number;
      /** Credits the call cost (0 for a 429, which Miro does not charge). */
      credits: number;
      durationMs: number;
    }
  | { type: 'network_error'; operationId: string; method: string; code: string; attempt: number; durationMs: number }
  | { type: 'retry'; operationId: string; attempt: number; reason: string; delayMs: number }
  | { type: 'rate_limit_wait'; operationId: string; waitedMs: number };

export interface ClientStats {
  /** HTTP requests sent, retries included. */
  calls: number;
  /** Of those, the ones that write (POST, PATCH, DELETE). */
  writeCalls: number;
  /** Credits charged by Miro (calls it answered, except 429s). */
  credits: number;
  retries: number;
  /** Calls held back by the pacer until the credit window reset. */
  rateLimitWaits: number;
  /** Requests sent per operationId. */
  byOperation: Record<string, number>;
}

export function emptyStats(): ClientStats {
  return { calls: 0, writeCalls: 0, credits: 0, retries: 0, rateLimitWaits: 0, byOperation: {} };
}
