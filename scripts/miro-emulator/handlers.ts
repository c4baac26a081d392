/**
 * What each Miro operation does, on the board store. Requests reaching a handler are authenticated,
 * within the rate limit and valid against the spec; the handler returns the success body (or nothing
 * for 204) and throws MiroApiError for the semantic failures Miro reports.
 */
import type { MiroOperationId } from '../../src/miro/openapi/index.js';
import { MiroApiError } from './api-error.js';
import type { BoardStore, ConnectorInput, EmulatedBoard, ItemChanges, ItemInput } from './board-store.js';
import { boardJson, connectorJson, itemJson, pageJson } from './representation.js';
import type { JsonObject } from './spec.js';
import type { EmulatorTokens, TokenInfo } from './tokens.js';

export interface HandlerContext {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON body, already valid against the operation's request schema. */
  readonly body: unknown;
  /** The caller's token, for operations behind bearer auth. */
  readonly token: TokenInfo | undefined;
  readonly boards: BoardStore;
  readonly tokens: EmulatorTokens;
  readonly baseUrl: string;
  readonly requestUrl: URL;
}

export type Handler = (context: HandlerContext) => JsonObject | undefined;

const DEFAULT_PAGE_LIMIT = 10;

function board(context: HandlerContext): EmulatedBoard {
  return context.boards.require(context.pathParams.board_id ?? '');
}

function actor(context: HandlerContext): string {
  return context.token?.userId ?? 'unknown';
}

function pageLimit(context: HandlerContext): number {
  return Number(context.query.get('limit') ?? DEFAULT_PAGE_LIMIT);
}

function bodyObject<T>(context: HandlerContext): T {
  return (context.body ?? {}) as T;
}

/** create/get/update/delete for a type with its own endpoints (`/shapes`, `/texts`, `/frames`). */
function typedItemHandlers(type: string): Record<'create' | 'get' | 'update' | 'delete', Handler> {
  return {
    create: (context) => {
      const target = board(context);
      const item = target.createItem({ ...bodyObject<Omit<ItemInput, 'type'>>(context), type }, actor(context));
      return itemJson(target, item, context.baseUrl);
    },
    get: (context) => {
      const target = board(context);
      return itemJson(target, target.item(context.pathParams.item_id ?? '', type), context.baseUrl);
    },
    update: (context) => {
      const target = board(context);
      const item = target.updateItem(context.pathParams.item_id ?? '', bodyObject<ItemChanges>(context), actor(context), type);
      return itemJson(target, item, context.baseUrl);
    },
    delete: (context) => {
      board(context).deleteItem(context.pathParams.item_id ?? '', type);
      return undefined;
    },
  };
}

const shapes = typedItemHandlers('shape');
const texts = typedItemHandlers('text');
const frames = typedItemHandlers('frame');

function tokenInfo(context: HandlerContext): JsonObject {
  const token = context.token!;
  return {
    type: 'oauth2',
    organization: { type: 'organization', name: 'Emulated organization', id: '3458764500000000003' },
    team: { type: 'team', name: 'Emulated team', id: token.teamId },
    createdBy: { type: 'user', name: 'Emulated user', id: token.userId },
    user: { type: 'user', name: 'Emulated user', id: token.userId },
    scopes: [...token.scopes],
  };
}

export const HANDLERS: Readonly<Record<MiroOperationId, Handler>> = {
  'create-board': (context) => {
    const input = bodyObject<{ name?: string; description?: string; teamId?: string; policy?: { sharingPolicy?: { access?: string } } }>(context);
    const created = context.boards.create({
      name: input.name,
      description: input.description,
      access: input.policy?.sharingPolicy?.access,
      teamId: input.teamId ?? context.token!.teamId,
      ownerId: actor(context),
    });
    return boardJson(created, context.baseUrl, actor(context));
  },
  'get-specific-board': (context) => boardJson(board(context), context.baseUrl, actor(context)),

  'get-items': (context) => {
    const target = board(context);
    const limit = pageLimit(context);
    const page = target.listItems({ type: context.query.get('type') ?? undefined, limit, cursor: context.query.get('cursor') ?? undefined });
    return pageJson(page.data.map((item) => itemJson(target, item, context.baseUrl)), page, limit, context.requestUrl);
  },
  'get-specific-item': (context) => {
    const target = board(context);
    return itemJson(target, target.item(context.pathParams.item_id ?? ''), context.baseUrl);
  },
  'update-item-position-or-parent': (context) => {
    const target = board(context);
    const { position, parent } = bodyObject<ItemChanges>(context);
    const item = target.updateItem(context.pathParams.item_id ?? '', { position, parent }, actor(context));
    return itemJson(target, item, context.baseUrl);
  },
  'delete-item': (context) => {
    board(context).deleteItem(context.pathParams.item_id ?? '');
    return undefined;
  },
  'create-items': (context) => {
    const target = board(context);
    const items = target.createItems(bodyObject<ItemInput[]>(context), actor(context));
    return { type: 'bulk-list', data: items.map((item) => itemJson(target, item, context.baseUrl)) };
  },

  'create-shape-item': shapes.create,
  'get-shape-item': shapes.get,
  'update-shape-item': shapes.update,
  'delete-shape-item': shapes.delete,
  'create-text-item': texts.create,
  'get-text-item': texts.get,
  'update-text-item': texts.update,
  'delete-text-item': texts.delete,
  'create-frame-item': frames.create,
  'get-frame-item': frames.get,
  'update-frame-item': frames.update,
  'delete-frame-item': frames.delete,

  'create-connector': (context) => {
    const target = board(context);
    return connectorJson(target, target.createConnector(bodyObject<ConnectorInput>(context), actor(context)), context.baseUrl);
  },
  'get-connectors': (context) => {
    const target = board(context);
    const limit = pageLimit(context);
    const page = target.listConnectors({ limit, cursor: context.query.get('cursor') ?? undefined });
    return pageJson(page.data.map((connector) => connectorJson(target, connector, context.baseUrl)), page, limit, context.requestUrl);
  },
  'get-connector': (context) => {
    const target = board(context);
    return connectorJson(target, target.connector(context.pathParams.connector_id ?? ''), context.baseUrl);
  },
  'update-connector': (context) => {
    const target = board(context);
    const connector = target.updateConnector(context.pathParams.connector_id ?? '', bodyObject<ConnectorInput>(context), actor(context));
    return connectorJson(target, connector, context.baseUrl);
  },
  'delete-connector': (context) => {
    board(context).deleteConnector(context.pathParams.connector_id ?? '');
    return undefined;
  },

  'token-info': tokenInfo,
  'revoke-token': (context) => {
    if (!context.tokens.revoke(context.query.get('access_token') ?? '')) {
      throw new MiroApiError(400, 'invalidToken', 'Failed to revoke token: the token is not known');
    }
    return undefined;
  },
  'revoke-token-v2': (context) => {
    if (!context.tokens.revoke(bodyObject<{ accessToken: string }>(context).accessToken)) {
      throw new MiroApiError(404, 'notFound', 'Failed to revoke token: the token is not known');
    }
    return undefined;
  },
};
