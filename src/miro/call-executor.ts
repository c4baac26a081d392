import type { CredentialProvider } from './credentials.js';
import type { MiroOperation } from './openapi/operation.js';
import { operationCredits } from './openapi/index.js';
import {
  errorForBadBody,
  errorForNetwork,
  errorForStatus,
  readMiroError,
  redactor,
  type CallDescription,
} from './call-errors.js';
import type { ConcurrencyGate } from '../util/concurrency-gate.js';
import type { CreditPacer, PacerClock } from './credit-pacer.js';
import type { HttpResult, HttpTransport } from './http-transport.js';
import { readRateLimit, readRetryAfterMs } from './rate-limit-headers.js';
import { backoffDelayMs, deliveryOf, retryVerdict, type BackoffOptions, type CallFailure } from './retry-policy.js';
import type { ClientStats, RequestEvent } from './request-events.js';

/**
 * Runs one Miro operation to its end: waits for a free slot and for credit budget, sends the request
 * with a fresh bearer token, and handles what comes back: success, a 401 answered by one token refresh,
 * retries with backoff for 5xx and dropped connections, a wait for the reset after a 429, and the final
 * error otherwise. Everything it knows about the call goes to `onRequest` and the shared stats.
 */

export interface MiroCall {
  operation: MiroOperation;
  pathParams: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string | undefined>>;
  body?: unknown;
  /** For per-item operations (bulk create): how many items the call carries. */
  itemCount?: number;
  /** Statuses that end the call without an error (e.g. 404 for a delete: already gone). */
  acceptStatuses?: readonly number[];
}

export interface CallResult {
  status: number;
  /** Parsed JSON; null for an empty body. */
  body: unknown;
}

export interface CallExecutorOptions {
  baseUrl: string;
  credentials: CredentialProvider;
  transport: HttpTransport;
  pacer: CreditPacer;
  gate: ConcurrencyGate;
  stats: ClientStats;
  maxRetries: number;
  timeoutMs: number;
  retryUncertainCreates: boolean;
  onRequest: ((event: RequestEvent) => void) | undefined;
  userAgent: string;
  clock: PacerClock;
  random: () => number;
  backoff: BackoffOptions;
}

export class CallExecutor {
  readonly #options: CallExecutorOptions;
  readonly #apiHost: string;

  constructor(options: CallExecutorOptions) {
    this.#options = options;
    this.#apiHost = new URL(options.baseUrl).host;
  }

  async execute(call: MiroCall): Promise<CallResult> {
    const options = this.#options;
    const { operation } = call;
    const credits = operationCredits(operation, call.itemCount);
    const url = this.#url(call);
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const usedTokens = new Set<string>();
    const description = this.#describe(call);
    let retries = 0;
    let refreshed = false;
    let tokenOverride: string | null = null;

    for (let attempt = 1; ; attempt += 1) {
      const sent = await options.gate.run(async () => {
        const token = tokenOverride ?? (await options.credentials.getAccessToken());
        tokenOverride = null;
        usedTokens.add(token);
        const reservation = await options.pacer.reserve(credits);
        if (reservation.waitedMs > 0) {
          options.stats.rateLimitWaits += 1;
          this.#emit({ type: 'rate_limit_wait', operationId: operation.operationId, waitedMs: reservation.waitedMs });
        }
        const startedAt = options.clock.now();
        const result = await options.transport.send({
          method: operation.method,
          url,
          headers: this.#headers(token, body !== undefined),
          ...(body === undefined ? {} : { body }),
          timeoutMs: options.timeoutMs,
        });
        const now = options.clock.now();
        options.pacer.settle(reservation, {
          snapshot: result.ok ? readRateLimit(result.headers, now) : null,
          rateLimited: result.ok && result.status === 429,
          retryAfterMs: result.ok ? readRetryAfterMs(result.headers) : null,
          roundTripMs: now - startedAt,
        });
        return { token, result, durationMs: now - startedAt };
      });

      const { token, result, durationMs } = sent;
      this.#count(operation, result, credits);
      this.#emitOutcome(operation, attempt, credits, result, durationMs);

      if (result.ok && ((result.status >= 200 && result.status < 300) || call.acceptStatuses?.includes(result.status))) {
        return { status: result.status, body: this.#parse(description, result.status, result.body) };
      }

      if (result.ok && result.status === 401 && !refreshed) {
        // One refresh, one retry: a token that expired mid-run is renewed, a bad one is reported.
        refreshed = true;
        const renewed = await options.credentials.refreshAfterUnauthorized(token);
        if (renewed !== null) {
          tokenOverride = renewed;
          continue;
        }
      }

      const failure: CallFailure = result.ok
        ? { kind: 'status', status: result.status }
        : { kind: 'network', code: result.code, delivery: deliveryOf(result.code, result.bodyFullyWritten) };
      const verdict = retryVerdict(failure, {
        idempotent: operation.method !== 'POST',
        retryUncertainCreates: options.retryUncertainCreates,
      });
      if (verdict === 'give_up' || retries >= options.maxRetries) {
        throw this.#finalError(description, result, attempt, verdict === 'give_up', usedTokens);
      }
      retries += 1;
      options.stats.retries += 1;
      const delayMs = verdict === 'retry_after_backoff' ? backoffDelayMs(retries, options.random, options.backoff) : 0;
      this.#emit({
        type: 'retry',
        operationId: operation.operationId,
        attempt,
        reason: result.ok ? `HTTP ${result.status}` : result.code,
        delayMs,
      });
      if (delayMs > 0) await options.clock.sleep(delayMs);
    }
  }

  #finalError(call: CallDescription, result: HttpResult, attempts: number, unsafeToRetry: boolean, tokens: Set<string>): Error {
    if (result.ok) {
      return errorForStatus(call, result.status, readMiroError(safeJson(result.body)), attempts, redactor(tokens));
    }
    return errorForNetwork(call, result.code, attempts, unsafeToRetry);
  }

  #parse(call: CallDescription, status: number, text: string): unknown {
    if (text.trim() === '') return null;
    const parsed = safeJson(text);
    if (parsed === undefined) throw errorForBadBody(call, status, 'a body that is not JSON');
    return parsed;
  }

  #count(operation: MiroOperation, result: HttpResult, credits: number): void {
    const stats = this.#options.stats;
    stats.calls += 1;
    if (operation.method !== 'GET') stats.writeCalls += 1;
    stats.byOperation[operation.operationId] = (stats.byOperation[operation.operationId] ?? 0) + 1;
    // Miro charges a call it answered, except when the answer is that the budget is spent.
    if (result.ok && result.status !== 429) stats.credits += credits;
  }

  #emitOutcome(operation: MiroOperation, attempt: number, credits: number, result: HttpResult, durationMs: number): void {
    if (result.ok) {
      this.#emit({
        type: 'response',
        operationId: operation.operationId,
        method: operation.method,
        status: result.status,
        attempt,
        credits: result.status === 429 ? 0 : credits,
        durationMs,
      });
    } else {
      this.#emit({ type: 'network_error', operationId: operation.operationId, method: operation.method, code: result.code, attempt, durationMs });
    }
  }

  #emit(event: RequestEvent): void {
    this.#options.onRequest?.(event);
  }

  #url(call: MiroCall): string {
    const path = call.operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
      const value = call.pathParams[name];
      if (value === undefined) throw new Error(`missing path parameter ${name} for ${call.operation.operationId}`);
      return encodeURIComponent(value);
    });
    const url = new URL(path.replace(/^\//, ''), this.#options.baseUrl.endsWith('/') ? this.#options.baseUrl : `${this.#options.baseUrl}/`);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return url.toString();
  }

  #headers(token: string, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'user-agent': this.#options.userAgent,
    };
    if (hasBody) headers['content-type'] = 'application/json';
    return headers;
  }

  #describe(call: MiroCall): CallDescription {
    return {
      operationId: call.operation.operationId,
      method: call.operation.method,
      requiredScope: call.operation.requiredScope,
      pathParams: call.pathParams,
      credentialsOrigin: this.#options.credentials.origin,
      apiHost: this.#apiHost,
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
