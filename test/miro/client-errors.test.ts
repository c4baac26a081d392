import { describe, expect, it } from 'vitest';
import { MiroCallError } from '../../src/miro/call-errors.js';
import type { CredentialProvider } from '../../src/miro/credentials.js';
import type { MiroShapeCreateRequest as ShapeCreate } from '../../src/miro/openapi/index.js';
import { rejectionOf, shapeBody, startEmulatedMiro, TEST_TOKEN } from './support/emulated-miro.js';

/** A provider like the OAuth store's: hands out `current`, and on a 401 renews to the next token in line. */
class FakeRefreshingProvider implements CredentialProvider {
  readonly origin = 'stored login (client 3458764)';
  readonly refreshCalls: string[] = [];
  current: string;
  readonly #renewals: Array<string | null>;

  constructor(first: string, renewals: Array<string | null>) {
    this.current = first;
    this.#renewals = renewals;
  }

  async getAccessToken(): Promise<string> {
    return this.current;
  }

  async refreshAfterUnauthorized(rejectedToken: string): Promise<string | null> {
    this.refreshCalls.push(rejectedToken);
    const next = this.#renewals.shift() ?? null;
    if (next !== null) this.current = next;
    return next;
  }
}

function expectNoToken(error: Error, ...tokens: string[]): void {
  for (const token of tokens) {
    expect(error.message).not.toContain(token);
    expect(String(error.stack)).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  }
}

describe('MiroClient errors and the token refresh, over HTTP against the emulator', () => {
  it('401: names where the token came from, never the token', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    emulator.tokens.revoke(TEST_TOKEN);
    const error = await rejectionOf(client.getBoard(boardId));
    expect(error).toBeInstanceOf(MiroCallError);
    expect(error).toMatchObject({ kind: 'miro_auth', status: 401 });
    expect(error.message).toBe('Miro rejected the access token from MIRO_ACCESS_TOKEN: invalid or expired');
    expectNoToken(error, TEST_TOKEN);
    expect(client.stats.calls).toBe(1);
  });

  it('403: says which scope is missing', async () => {
    const { client, boardId } = await startEmulatedMiro({ scopes: ['boards:read'] });
    await client.listItems(boardId);
    const error = await rejectionOf(client.createShape(boardId, shapeBody(1)));
    expect(error).toMatchObject({ kind: 'miro_auth', status: 403 });
    expect(error.message).toMatch(/^Miro refused create-shape-item on board uXjV\S+: the access token from MIRO_ACCESS_TOKEN lacks the scope boards:write/);
    expectNoToken(error, TEST_TOKEN);
  });

  it('404: the board is not found or not shared', async () => {
    const { client } = await startEmulatedMiro();
    const error = await rejectionOf(client.listItems('uXjVnope000='));
    expect(error).toMatchObject({ kind: 'miro', status: 404, operationId: 'get-items' });
    expect(error.message).toBe("board uXjVnope000= not found or not shared with this token's user");
  });

  it('404 on an item: names the item and the board', async () => {
    const { client, boardId } = await startEmulatedMiro();
    const error = await rejectionOf(client.updateShape(boardId, '3458764599999999999', { data: { shape: 'rectangle' } }));
    expect(error).toMatchObject({ kind: 'miro', status: 404 });
    expect(error.message).toBe(`Miro found no item 3458764599999999999 on board ${boardId} (or the board is not shared with this token's user)`);
  });

  it("400: passes on what Miro said was wrong", async () => {
    const { client, boardId } = await startEmulatedMiro();
    // Deliberately outside the types: a shape name Miro does not know.
    const bad = { data: { shape: 'blob' }, position: { x: 0, y: 0 } } as unknown as ShapeCreate;
    const error = await rejectionOf(client.createShape(boardId, bad));
    expect(error).toMatchObject({ kind: 'miro', status: 400, miroCode: 'invalidParameters' });
    expect(error.message).toMatch(new RegExp(`^Miro rejected create-shape-item on board ${boardId.replace('=', '\\=')}: .*shape`));
    expect(error.message).not.toContain('\n');
    expect(client.stats.retries).toBe(0);
  });

  it('400 on a bulk create: names the failing item, and nothing of that chunk is created', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    const items = [
      { type: 'shape', data: { shape: 'rectangle' } },
      { type: 'shape', data: { shape: 'blob' } },
    ] as unknown as Parameters<typeof client.createItems>[1];
    const error = await rejectionOf(client.createItems(boardId, items));
    expect(error).toMatchObject({ kind: 'miro', status: 400 });
    expect(error.message).toMatch(/^Miro rejected create-items on board \S+: .*1/);
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(0);
  });

  it('refreshes once after a 401 and retries with the new token', async () => {
    const provider = new FakeRefreshingProvider('expired-token-1', ['fresh-token-2']);
    const { emulator, client, boardId } = await startEmulatedMiro({ credentials: provider });
    emulator.tokens.issue('fresh-token-2');
    const board = await client.getBoard(boardId);
    expect(board.id).toBe(boardId);
    expect(provider.refreshCalls).toEqual(['expired-token-1']);
    expect(client.stats.calls).toBe(2);
    // Later calls use the renewed token without another refresh.
    await client.listItems(boardId);
    expect(provider.refreshCalls).toHaveLength(1);
  });

  it('reports the 401 when the provider has no new token', async () => {
    const provider = new FakeRefreshingProvider('expired-token-1', [null]);
    const { client, boardId } = await startEmulatedMiro({ credentials: provider });
    const error = await rejectionOf(client.getBoard(boardId));
    expect(error).toMatchObject({ kind: 'miro_auth', status: 401 });
    expect(error.message).toBe('Miro rejected the access token from stored login (client 3458764): invalid or expired');
    expect(provider.refreshCalls).toEqual(['expired-token-1']);
  });

  it('refreshes only once per call: a renewed token that is rejected too is reported', async () => {
    const provider = new FakeRefreshingProvider('bad-token-1', ['bad-token-2', 'never-used']);
    const { client, boardId } = await startEmulatedMiro({ credentials: provider });
    const error = await rejectionOf(client.createShape(boardId, shapeBody(1)));
    expect(error).toMatchObject({ kind: 'miro_auth', status: 401 });
    expect(provider.refreshCalls).toEqual(['bad-token-1']);
    expect(client.stats.calls).toBe(2);
    expectNoToken(error, 'bad-token-1', 'bad-token-2');
  });

  it('refuses a base URL that is not http(s) or carries credentials', async () => {
    const { MiroClient } = await import('../../src/miro/client.js');
    const { StaticTokenProvider } = await import('../../src/miro/credentials.js');
    const credentials = new StaticTokenProvider(TEST_TOKEN, 'MIRO_ACCESS_TOKEN');
    expect(() => new MiroClient({ baseUrl: 'not a url', credentials })).toThrow(/Miro API URL is not a URL/);
    expect(() => new MiroClient({ baseUrl: 'ftp://api.miro.com', credentials })).toThrow(/must be http/);
    let caught: unknown;
    try {
      new MiroClient({ baseUrl: 'https://user:s3cr3t@api.miro.com', credentials });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ kind: 'usage' });
    expect((caught as Error).message).not.toContain('s3cr3t');
  });
});
