/** A minimal HTTP helper for the emulator's tests: real requests with fetch, not the project's client. */
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';

export const TOKEN = 'test-token-read-write';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // Test assertions read arbitrary JSON fields.
  body: any;
}

export async function api(
  emulator: MiroEmulator,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.length > 0 ? JSON.parse(text) : undefined };
}

/** A board created through the API, for tests that need one. */
export async function createBoard(emulator: MiroEmulator, name = 'Test board'): Promise<string> {
  const response = await api(emulator, 'POST', '/v2/boards', { name });
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}
