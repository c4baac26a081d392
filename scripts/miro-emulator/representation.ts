/** The JSON Miro answers with for boards, items and connectors (shapes of the spec's response schemas). */
import type { EmulatedBoard, StoredConnector, StoredItem } from './board-store.js';
import type { JsonObject } from './spec.js';

/** The REST collection each item type has its own endpoints under. */
const COLLECTION_BY_TYPE: Readonly<Record<string, string>> = { shape: 'shapes', text: 'texts', frame: 'frames' };

function user(id: string): JsonObject {
  return { id, type: 'user' };
}

/** `caller`: the user asking, whose role on the board Miro answers as `currentUserMembership`. */
export function boardJson(board: EmulatedBoard, baseUrl: string, caller?: string): JsonObject {
  return {
    id: board.id,
    type: 'board',
    name: board.name,
    description: board.description,
    team: { id: board.teamId, name: 'Emulated team', type: 'team' },
    viewLink: `${baseUrl}/app/board/${encodeURIComponent(board.id)}/`,
    owner: { id: board.ownerId, name: 'Emulated user', type: 'user' },
    createdAt: board.createdAt,
    createdBy: { id: board.ownerId, name: 'Emulated user', type: 'user' },
    modifiedAt: board.modifiedAt,
    modifiedBy: { id: board.ownerId, name: 'Emulated user', type: 'user' },
    links: { self: `${baseUrl}/v2/boards/${encodeURIComponent(board.id)}` },
    ...(caller !== undefined ? { currentUserMembership: { id: caller, name: 'Emulated user', role: board.roleOf(caller), type: 'board_member' } } : {}),
  };
}

export function itemJson(board: EmulatedBoard, item: StoredItem, baseUrl: string): JsonObject {
  const boardUrl = `${baseUrl}/v2/boards/${encodeURIComponent(board.id)}`;
  const collection = COLLECTION_BY_TYPE[item.type] ?? 'items';
  const { width, height } = board.size(item);
  const geometry: JsonObject = { width, height };
  if (item.geometry.rotation !== undefined && item.type !== 'frame') geometry.rotation = item.geometry.rotation;
  const json: JsonObject = {
    id: item.id,
    type: item.type,
    data: { ...item.data },
    style: { ...item.style },
    position: {
      x: item.position.x,
      y: item.position.y,
      origin: 'center',
      relativeTo: item.parentId === undefined ? 'canvas_center' : 'parent_top_left',
    },
    geometry,
    createdAt: item.createdAt,
    createdBy: user(item.createdBy),
    modifiedAt: item.modifiedAt,
    modifiedBy: user(item.modifiedBy),
    links: { self: `${boardUrl}/${collection}/${item.id}`, related: `${boardUrl}/items/${item.id}` },
  };
  if (item.parentId !== undefined) json.parent = { id: item.parentId, links: { self: `${boardUrl}/items/${item.parentId}` } };
  return json;
}

export function connectorJson(board: EmulatedBoard, connector: StoredConnector, baseUrl: string): JsonObject {
  const boardUrl = `${baseUrl}/v2/boards/${encodeURIComponent(board.id)}`;
  const end = (side: StoredConnector['startItem']): JsonObject => ({
    id: side.id,
    position: { ...side.position },
    links: { self: `${boardUrl}/items/${side.id}` },
  });
  return {
    id: connector.id,
    type: 'connector',
    shape: connector.shape,
    startItem: end(connector.startItem),
    endItem: end(connector.endItem),
    style: { ...connector.style },
    captions: connector.captions.map((caption) => ({ ...caption })),
    isSupported: true,
    createdAt: connector.createdAt,
    createdBy: user(connector.createdBy),
    modifiedAt: connector.modifiedAt,
    modifiedBy: user(connector.modifiedBy),
    links: { self: `${boardUrl}/connectors/${connector.id}` },
  };
}

/** Miro's cursor page envelope; `links.next` repeats the request with the next cursor. */
export function pageJson(data: JsonObject[], page: { total: number; cursor: string | undefined }, limit: number, selfUrl: URL): JsonObject {
  const json: JsonObject = { data, total: page.total, size: data.length, limit, links: { self: selfUrl.toString() } };
  if (page.cursor !== undefined) {
    const next = new URL(selfUrl);
    next.searchParams.set('cursor', page.cursor);
    json.cursor = page.cursor;
    (json.links as JsonObject).next = next.toString();
  }
  return json;
}
