/**
 * The Miro REST API emulator over real HTTP. Each request goes through the same steps as on Miro:
 * OAuth endpoints (scripts/miro-emulator/oauth.ts) → route (404 / 405) → bearer token (401 / 403) → credits
 * (429, and X-RateLimit-* headers on every metered answer) → injected faults → validation against the
 * spec (400) → the operation's handler, answering with the status the spec documents.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { matchMiroOperation, MIRO_CREDITS_PER_MINUTE, operationCredits } from '../../src/miro/openapi/index.js';
import type { MiroOperation, MiroOperationId } from '../../src/miro/openapi/index.js';
import { MiroApiError } from './api-error.js';
import { BoardStore } from './board-store.js';
import { FaultInjector } from './faults.js';
import { HANDLERS } from './handlers.js';
import { handleOAuthRequest } from './oauth.js';
import { CreditRateLimiter } from './rate-limiter.js';
import { operationSpec } from './spec.js';
import { textModeFromEnv, type TextMode } from './text-mode.js';
import { EmulatorTokens } from './tokens.js';
import type { TokenInfo } from './tokens.js';
import { responseMismatch, validateRequest } from './validation.js';

export interface EmulatorOptions {
  /** Credit budget per token per window; Miro's is 100,000 per minute. */
  creditsPerMinute?: number;
  /** Rate-limit window length in ms (default one minute), so tests can use a short one. */
  windowMs?: number;
  /** The emulator's clock (epoch ms) for timestamps, token expiry and rate-limit windows. */
  now?: () => number;
  /** Port to listen on, on 127.0.0.1; default: any free port. */
  port?: number;
  /** Check every success response against the spec and answer 500 when it does not match (default true). */
  validateResponses?: boolean;
  /** How item text is stored (text-mode.ts); default from `MIRO_EMULATOR_TEXT`, else `verbatim`. */
  textMode?: TextMode;
}

export interface EmulatorStats {
  /** Every HTTP request received, including unknown paths and OAuth endpoints. */
  requests: number;
  /** Requests per matched operationId. */
  byOperation: Record<string, number>;
  /** Answers per HTTP status (dropped connections are not answered and not counted here). */
  byStatus: Record<number, number>;
  /** Credits charged over the emulator's life. */
  credits: number;
  rejected429: number;
  /** Faults that fired: injected 5xx answers and dropped connections. */
  faultsInjected: number;
  /** Write calls (POST/PATCH/DELETE) that reached their handler. */
  writes: number;
}

export interface MiroEmulator {
  /** Base URL, http://127.0.0.1:PORT (no trailing slash); the client's Miro base URL in tests. */
  readonly url: string;
  readonly tokens: EmulatorTokens;
  /** The emulated boards, to set up and inspect state directly. */
  readonly boards: BoardStore;
  readonly faults: FaultInjector;
  readonly stats: EmulatorStats;
  /** Replaces the clock (epoch ms) used for timestamps, token expiry and rate-limit windows. */
  setClock(now: () => number): void;
  resetStats(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Token endpoints that carry the token in the request instead of an Authorization header. */
const WITHOUT_BEARER: ReadonlySet<string> = new Set(['revoke-token', 'revoke-token-v2']);

function emptyStats(): EmulatorStats {
  return { requests: 0, byOperation: {}, byStatus: {}, credits: 0, rejected429: 0, faultsInjected: 0, writes: 0 };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new MiroApiError(413, 'payloadTooLarge', 'Request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonBody(text: string): unknown {
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MiroApiError(400, 'invalidParameters', 'Invalid parameters: the request body is not valid JSON');
  }
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function authenticate(req: IncomingMessage, operation: MiroOperation, tokens: EmulatorTokens): { token: string; info: TokenInfo } {
  const token = bearerToken(req);
  const check = tokens.check(token);
  if (!check.ok) {
    const answers = {
      missing: ['tokenNotProvided', 'No access token was provided in the Authorization header'],
      invalid: ['tokenNotFound', 'The access token is invalid'],
      expired: ['tokenExpired', 'The access token has expired'],
    } as const;
    const [code, message] = answers[check.reason];
    throw new MiroApiError(401, code, message);
  }
  if (operation.requiredScope !== null && !check.info.scopes.includes(operation.requiredScope)) {
    throw new MiroApiError(403, 'insufficientPermissions', `The access token lacks the ${operation.requiredScope} scope`);
  }
  return { token: token!, info: check.info };
}

export async function startMiroEmulator(options: EmulatorOptions = {}): Promise<MiroEmulator> {
  let clock = options.now ?? Date.now;
  const now = (): number => clock();
  const tokens = new EmulatorTokens(now);
  const boards = new BoardStore(now, options.textMode ?? textModeFromEnv());
  const faults = new FaultInjector();
  const limiter = new CreditRateLimiter({
    creditsPerWindow: options.creditsPerMinute ?? MIRO_CREDITS_PER_MINUTE,
    windowMs: options.windowMs ?? 60_000,
    now,
  });
  const validateResponses = options.validateResponses ?? true;
  let stats = emptyStats();
  let baseUrl = '';

  function send(res: ServerResponse, status: number, body: unknown): void {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
  }

  function drop(req: IncomingMessage): void {
    stats.faultsInjected += 1;
    req.socket.destroy();
  }

  async function handleOperation(req: IncomingMessage, res: ServerResponse, url: URL, operation: MiroOperation, pathParams: Readonly<Record<string, string>>): Promise<void> {
    const operationId = operation.operationId as MiroOperationId;
    stats.byOperation[operationId] = (stats.byOperation[operationId] ?? 0) + 1;
    const auth = WITHOUT_BEARER.has(operationId) ? undefined : authenticate(req, operation, tokens);
    const bodyText = await readBody(req);

    if (auth && operation.credits > 0) {
      const parsed = operation.creditsPerItem ? (() => { try { return JSON.parse(bodyText) as unknown; } catch { return undefined; } })() : undefined;
      const credits = operationCredits(operation, Array.isArray(parsed) ? parsed.length : 1);
      const decision = limiter.charge(auth.token, credits);
      res.setHeader('X-RateLimit-Limit', String(decision.limit));
      res.setHeader('X-RateLimit-Remaining', String(decision.remaining));
      res.setHeader('X-RateLimit-Reset', String(decision.resetEpochSeconds));
      if (!decision.allowed) {
        stats.rejected429 += 1;
        throw new MiroApiError(429, 'tooManyRequests', `Rate limit exceeded: this call costs ${credits} credits and ${decision.remaining} remain until the window resets`);
      }
      stats.credits += credits;
    }

    const fault = faults.decide(operationId);
    if (fault.kind === 'status') {
      stats.faultsInjected += 1;
      throw new MiroApiError(fault.status, 'internalError', `Injected fault: ${fault.status}`);
    }
    if (fault.kind === 'drop' && !fault.afterHandling) {
      drop(req);
      return;
    }

    const body = parseJsonBody(bodyText);
    validateRequest(operationId, url.searchParams, body);
    // Miro refuses a change to a board the caller may only view or comment on.
    const boardId = pathParams.board_id;
    if (operation.method !== 'GET' && boardId !== undefined && auth !== undefined) {
      const target = boards.get(boardId);
      if (target !== undefined && !target.canEdit(auth.info.userId)) {
        throw new MiroApiError(403, 'insufficientPermissions', `You have ${target.roleOf(auth.info.userId)} access to this board; changing it needs edit access`);
      }
    }
    let result: unknown;
    try {
      result = HANDLERS[operationId]({ pathParams, query: url.searchParams, body, token: auth?.info, boards, tokens, baseUrl, requestUrl: url });
    } finally {
      if (operation.method !== 'GET') {
        stats.writes += 1;
        faults.recordWrite();
      }
    }
    if (validateResponses && result !== undefined) {
      const mismatch = responseMismatch(operationId, result);
      if (mismatch !== undefined) throw new MiroApiError(500, 'emulatorBug', `Emulator response does not match the spec: ${mismatch}`);
    }
    if (fault.kind === 'drop') {
      drop(req);
      return;
    }
    send(res, operationSpec(operationId).successStatus, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests += 1;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.crashed) {
      drop(req);
      return;
    }
    const url = new URL(req.url ?? '/', baseUrl);
    if (await handleOAuthRequest(req, res, url, { tokens, baseUrl })) return;

    const routed = matchMiroOperation(req.method ?? 'GET', url.pathname);
    if (!routed) throw new MiroApiError(404, 'notFound', `No such endpoint: ${url.pathname}`);
    if (!routed.match) {
      res.setHeader('Allow', routed.allowedMethods.join(', '));
      throw new MiroApiError(405, 'methodNotAllowed', `Method ${req.method ?? ''} is not allowed on ${url.pathname}`);
    }
    await handleOperation(req, res, url, routed.match.operation, routed.match.pathParams);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || req.socket.destroyed) return;
      if (error instanceof MiroApiError) {
        send(res, error.status, error.toBody());
        return;
      }
      send(res, 500, { status: 500, code: 'emulatorBug', message: `Emulator failure: ${error instanceof Error ? error.message : String(error)}`, type: 'error' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    tokens,
    boards,
    faults,
    get stats() {
      return stats;
    },
    setClock(next) {
      clock = next;
    },
    resetStats() {
      stats = emptyStats();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
