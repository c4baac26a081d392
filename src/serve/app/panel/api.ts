/** The panel's calls to serve: each one carries a fresh Web SDK id token, the panel's only credential. */
import type { PanelBoard, PanelError, PanelItems, PanelRun, QueuedPanelRun } from '../panel-contract.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${await miro.board.getIdToken()}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/app/api${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), credentials: 'omit' });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // A proxy's error page, say: reported by status below.
  }
  if (!response.ok) throw new ApiError(response.status, (json as PanelError | null)?.error ?? `the service answered ${response.status}`);
  return json as T;
}

const query = (boardId: string) => `?boardId=${encodeURIComponent(boardId)}`;

export const api = {
  board: (boardId: string) => call<PanelBoard>('GET', `/board${query(boardId)}`),
  items: (boardId: string) => call<PanelItems>('GET', `/board/items${query(boardId)}`),
  connect: (boardId: string, source: string) => call<QueuedPanelRun>('POST', '/board/connect', { boardId, source }),
  sync: (boardId: string) => call<QueuedPanelRun>('POST', '/board/sync', { boardId }),
  run: (runId: string) => call<PanelRun>('GET', `/runs/${encodeURIComponent(runId)}`),
};
