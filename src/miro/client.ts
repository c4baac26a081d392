import { SchemaToMiroError } from '../errors.js';
import { CallExecutor } from './call-executor.js';
import { errorForBadBody } from './call-errors.js';
import { ConcurrencyGate } from '../util/concurrency-gate.js';
import type { CredentialProvider } from './credentials.js';
import { CreditPacer, systemClock, type PacerClock, type PacerState } from './credit-pacer.js';
import { createAxiosTransport, type HttpTransport } from './http-transport.js';
import { MIRO_CREDITS_PER_MINUTE, miroOperation } from './openapi/index.js';
import type { OperationId, PathParamsOf, QueryOf, RequestBodyOf, SuccessBodyOf } from './operation-types.js';
import { chunk, collectPages } from './paging.js';
import { emptyStats, type ClientStats, type RequestEvent } from './request-events.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './retry-policy.js';
import type {
  MiroBoard,
  MiroBoardChanges,
  MiroBulkCreatedItem,
  MiroConnector,
  MiroConnectorChangesData,
  MiroConnectorCreationData,
  MiroFrameCreateRequest,
  MiroFrameItem,
  MiroFrameUpdateRequest,
  MiroGenericItem,
  MiroGenericItemUpdate,
  MiroItemCreate,
  MiroItemType,
  MiroShapeCreateRequest,
  MiroShapeItem,
  MiroShapeUpdateRequest,
  MiroTextCreateRequest,
  MiroTextItem,
  MiroTextUpdateRequest,
} from './openapi/index.js';
import { BULK_CREATE_LIMIT, DEFAULT_CONCURRENCY, PAGE_LIMIT } from './limits.js';

export type { ClientStats, RequestEvent } from './request-events.js';

export const DEFAULT_MIRO_API_URL = 'https://api.miro.com';

export interface MiroClientOptions {
  /** Default `https://api.miro.com`; the CLI passes `MIRO_API_URL` when set. */
  baseUrl?: string;
  credentials: CredentialProvider;
  /** Budget assumed until Miro's `X-RateLimit-Limit` says otherwise. Default 100,000. */
  creditsPerMinute?: number;
  /** Retries per call for 5xx, dropped connections and 429. Default 5. */
  maxRetries?: number;
  /** Calls in flight at once, all sharing one credit budget. Default 8. */
  concurrency?: number;
  /** For progress and statistics; called synchronously, must not throw. */
  onRequest?: (event: RequestEvent) => void;
  /** Per HTTP request. Default 30 s. */
  timeoutMs?: number;
  /**
   * Retry a create whose connection dropped after the request went out, at the risk of a duplicate.
   * Default false: such a create fails with `MiroCallError.outcomeUnknown`, and the next sync reconciles.
   */
  retryUncertainCreates?: boolean;
  /** Backoff between retries of 5xx and dropped connections. Default 250 ms doubling, up to 8 s, jittered. */
  backoff?: Partial<BackoffOptions>;
  /** Time source for pacing and backoff (tests and benchmarks). */
  clock?: PacerClock;
  /** Where the client sends requests (tests); default axios over node:http(s) with keep-alive. */
  transport?: HttpTransport;
}

/**
 * A typed client of the Miro REST API v2 for what schema-to-miro does on a board. Every call is paced
 * by one shared credit budget, retried where that is safe, and fails with a `MiroCallError`
 * (a `SchemaToMiroError`) whose message names the cause and never the token.
 */
export class MiroClient {
  readonly stats: ClientStats = emptyStats();
  readonly baseUrl: string;
  readonly #executor: CallExecutor;
  readonly #pacer: CreditPacer;
  readonly #transport: HttpTransport;

  constructor(options: MiroClientOptions) {
    this.baseUrl = validBaseUrl(options.baseUrl ?? DEFAULT_MIRO_API_URL);
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    const clock = options.clock ?? systemClock;
    this.#pacer = new CreditPacer({ creditsPerMinute: options.creditsPerMinute ?? MIRO_CREDITS_PER_MINUTE, clock });
    this.#transport = options.transport ?? createAxiosTransport({ maxSockets: concurrency });
    this.#executor = new CallExecutor({
      baseUrl: this.baseUrl,
      credentials: options.credentials,
      transport: this.#transport,
      pacer: this.#pacer,
      gate: new ConcurrencyGate(concurrency),
      stats: this.stats,
      maxRetries: options.maxRetries ?? 5,
      timeoutMs: options.timeoutMs ?? 30_000,
      retryUncertainCreates: options.retryUncertainCreates ?? false,
      onRequest: options.onRequest,
      userAgent: 'schema-to-miro',
      clock,
      random: Math.random,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    });
  }

  /** The credit budget as the client currently sees it (for progress and benchmarks). */
  rateLimitState(): PacerState {
    return this.#pacer.state();
  }

  /** Closes idle connections; the client must not be used afterwards. */
  close(): void {
    this.#transport.close();
  }

  getBoard(boardId: string): Promise<MiroBoard> {
    return this.#call('get-specific-board', { path: { board_id: boardId } });
  }

  createBoard(request: MiroBoardChanges): Promise<MiroBoard> {
    return this.#call('create-board', { path: {}, body: request });
  }

  /** Every item on the board (all pages), optionally of one type. Connectors are listed separately. */
  listItems(boardId: string, query: { type?: MiroItemType } = {}): Promise<MiroGenericItem[]> {
    return collectPages(
      (cursor) =>
        this.#call('get-items', {
          path: { board_id: boardId },
          query: { limit: String(PAGE_LIMIT), ...(query.type ? { type: query.type } : {}), ...(cursor ? { cursor } : {}) },
        }),
      `the items of board ${boardId}`,
    );
  }

  getItem(boardId: string, itemId: string): Promise<MiroGenericItem> {
    return this.#call('get-specific-item', { path: { board_id: boardId, item_id: itemId } });
  }

  /** Moves an item or changes its parent frame. */
  updateItem(boardId: string, itemId: string, body: MiroGenericItemUpdate): Promise<MiroGenericItem> {
    return this.#call('update-item-position-or-parent', { path: { board_id: boardId, item_id: itemId }, body });
  }

  /** Every connector on the board (all pages). */
  listConnectors(boardId: string): Promise<MiroConnector[]> {
    return collectPages(
      (cursor) =>
        this.#call('get-connectors', {
          path: { board_id: boardId },
          query: { limit: String(PAGE_LIMIT), ...(cursor ? { cursor } : {}) },
        }),
      `the connectors of board ${boardId}`,
    );
  }

  /**
   * Creates the items in bulk calls of up to 20, sent in parallel; the result is in input order.
   * Each call is all-or-nothing on Miro's side; if one fails, items of the calls that succeeded remain
   * on the board (the sync's next run finds them).
   */
  async createItems(boardId: string, items: readonly MiroItemCreate[]): Promise<MiroBulkCreatedItem[]> {
    const chunks = chunk(items, BULK_CREATE_LIMIT);
    const settled = await Promise.allSettled(
      chunks.map(async (part) => {
        const created = await this.#call('create-items', { path: { board_id: boardId }, body: part, itemCount: part.length });
        if (!Array.isArray(created.data) || created.data.length !== part.length) {
          throw errorForBadBody(
            { operationId: 'create-items', pathParams: { board_id: boardId } },
            201,
            `${Array.isArray(created.data) ? created.data.length : 'no'} items for ${part.length} requested`,
          );
        }
        return created.data;
      }),
    );
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
  }

  createShape(boardId: string, body: MiroShapeCreateRequest): Promise<MiroShapeItem> {
    return this.#call('create-shape-item', { path: { board_id: boardId }, body });
  }

  /** One shape with its style (the item listing carries no styles). */
  getShape(boardId: string, itemId: string): Promise<MiroShapeItem> {
    return this.#call('get-shape-item', { path: { board_id: boardId, item_id: itemId } });
  }

  updateShape(boardId: string, itemId: string, body: MiroShapeUpdateRequest): Promise<MiroShapeItem> {
    return this.#call('update-shape-item', { path: { board_id: boardId, item_id: itemId }, body });
  }

  createText(boardId: string, body: MiroTextCreateRequest): Promise<MiroTextItem> {
    return this.#call('create-text-item', { path: { board_id: boardId }, body });
  }

  updateText(boardId: string, itemId: string, body: MiroTextUpdateRequest): Promise<MiroTextItem> {
    return this.#call('update-text-item', { path: { board_id: boardId, item_id: itemId }, body });
  }

  createFrame(boardId: string, body: MiroFrameCreateRequest): Promise<MiroFrameItem> {
    return this.#call('create-frame-item', { path: { board_id: boardId }, body });
  }

  updateFrame(boardId: string, itemId: string, body: MiroFrameUpdateRequest): Promise<MiroFrameItem> {
    return this.#call('update-frame-item', { path: { board_id: boardId, item_id: itemId }, body });
  }

  /** Deletes any item; one that is already gone (404) counts as deleted. */
  async deleteItem(boardId: string, itemId: string): Promise<void> {
    await this.#call('delete-item', { path: { board_id: boardId, item_id: itemId }, acceptStatuses: [404] });
  }

  createConnector(boardId: string, body: MiroConnectorCreationData): Promise<MiroConnector> {
    return this.#call('create-connector', { path: { board_id: boardId }, body });
  }

  updateConnector(boardId: string, connectorId: string, body: MiroConnectorChangesData): Promise<MiroConnector> {
    return this.#call('update-connector', { path: { board_id: boardId, connector_id: connectorId }, body });
  }

  /** Deletes a connector; one that is already gone (404) counts as deleted. */
  async deleteConnector(boardId: string, connectorId: string): Promise<void> {
    await this.#call('delete-connector', { path: { board_id: boardId, connector_id: connectorId }, acceptStatuses: [404] });
  }

  async #call<K extends OperationId>(
    operationId: K,
    request: {
      path: PathParamsOf<K>;
      query?: QueryOf<K>;
      body?: RequestBodyOf<K>;
      itemCount?: number;
      acceptStatuses?: readonly number[];
    },
  ): Promise<SuccessBodyOf<K>> {
    const result = await this.#executor.execute({
      operation: miroOperation(operationId),
      pathParams: request.path,
      ...(request.query === undefined ? {} : { query: request.query as Record<string, string | undefined> }),
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.itemCount === undefined ? {} : { itemCount: request.itemCount }),
      ...(request.acceptStatuses === undefined ? {} : { acceptStatuses: request.acceptStatuses }),
    });
    // The body is Miro's JSON for this operation, as typed by the OpenAPI description.
    return result.body as SuccessBodyOf<K>;
  }
}

function validBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SchemaToMiroError('usage', `the Miro API URL is not a URL: "${text}" (set MIRO_API_URL to e.g. https://api.miro.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SchemaToMiroError('usage', `the Miro API URL must be http(s): "${url.protocol}//${url.host}"`);
  }
  // Credentials in the URL would travel in every request and show in messages: refuse them.
  if (url.username !== '' || url.password !== '') {
    throw new SchemaToMiroError('usage', `the Miro API URL must not contain a user name or password (${url.protocol}//${url.host})`);
  }
  return url.toString().replace(/\/$/, '');
}
