import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMiroEmulator } from '../../scripts/miro-emulator/index.js';
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { api, createBoard, TOKEN } from './http.js';

let emulator: MiroEmulator;
let board: string;

beforeAll(async () => {
  emulator = await startMiroEmulator();
  emulator.tokens.issue(TOKEN);
  board = await createBoard(emulator);
});
afterAll(async () => {
  await emulator.close();
});

describe('request validation against the spec', () => {
  it('rejects a wrong enum value, naming the field', async () => {
    const response = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, { data: { shape: 'circle' }, style: { fontFamily: 'comic_sans' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'invalidParameters', type: 'error' });
    expect(response.body.message).toContain('style.fontFamily');
    expect(response.body.context.fields[0].field).toBe('style.fontFamily');
  });

  it('rejects a missing required field and a wrong type', async () => {
    const missing = await api(emulator, 'POST', `/v2/boards/${board}/texts`, { position: { x: 0, y: 0 } });
    expect(missing.status).toBe(400);
    expect(missing.body.context.fields[0].field).toBe('data');
    const wrongType = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, { position: { x: '12' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.context.fields[0].field).toBe('position.x');
    const longName = await api(emulator, 'POST', '/v2/boards', { name: 'n'.repeat(61) });
    expect(longName.status).toBe(400);
    expect(emulator.boards.get(board)?.items()).toHaveLength(0);
  });

  it('accepts unknown extra fields, as the spec does not forbid them', async () => {
    const response = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, { data: { shape: 'circle', extra: 1 }, unknown: true });
    expect(response.status).toBe(201);
    await api(emulator, 'DELETE', `/v2/boards/${board}/items/${response.body.id}`);
  });

  it('rejects a body that is not JSON and a missing required body', async () => {
    const notJson = await fetch(`${emulator.url}/v2/boards/${board}/shapes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    const noBody = await api(emulator, 'POST', `/v2/boards/${board}/connectors`);
    expect(noBody.status).toBe(400);
  });

  it('validates query parameters: limit within 10..50, type from the enum', async () => {
    for (const [query, field] of [['limit=9', 'limit'], ['limit=51', 'limit'], ['limit=ten', 'limit'], ['type=table', 'type']] as const) {
      const response = await api(emulator, 'GET', `/v2/boards/${board}/items?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.context.fields[0].field).toBe(field);
    }
    expect((await api(emulator, 'GET', `/v2/boards/${board}/items?limit=50&type=frame`)).status).toBe(200);
    expect((await api(emulator, 'GET', `/v2/boards/${board}/connectors?limit=5`)).status).toBe(400);
  });
});

describe('routing', () => {
  it('answers 404 for unknown paths and 405 with Allow for a wrong method', async () => {
    const unknown = await api(emulator, 'GET', '/v2/boards/x/stickers');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('error');
    const wrongMethod = await api(emulator, 'PUT', `/v2/boards/${board}/shapes/1`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('DELETE, GET, PATCH');
    // /items/bulk is its own endpoint, not an item id.
    const bulkGet = await api(emulator, 'GET', `/v2/boards/${board}/items/bulk`);
    expect(bulkGet.status).toBe(405);
  });
});

describe('bearer auth', () => {
  it('answers 401 for a missing, unknown or expired token', async () => {
    const missing = await api(emulator, 'GET', `/v2/boards/${board}`, undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('tokenNotProvided');
    expect((await api(emulator, 'GET', `/v2/boards/${board}`, undefined, 'nope')).status).toBe(401);
    emulator.tokens.issue('stale-token-value', { expiresAt: Date.now() - 1000 });
    const expired = await api(emulator, 'GET', `/v2/boards/${board}`, undefined, 'stale-token-value');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('tokenExpired');
    expect(JSON.stringify(expired.body)).not.toContain('stale-token-value');
  });

  it('answers 403 when the token lacks boards:write for a write or boards:read for a read', async () => {
    emulator.tokens.issue('read-only', { scopes: ['boards:read'] });
    emulator.tokens.issue('write-only', { scopes: ['boards:write'] });
    expect((await api(emulator, 'GET', `/v2/boards/${board}`, undefined, 'read-only')).status).toBe(200);
    const write = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, {}, 'read-only');
    expect(write.status).toBe(403);
    expect(write.body.message).toContain('boards:write');
    expect((await api(emulator, 'GET', `/v2/boards/${board}/items`, undefined, 'write-only')).status).toBe(403);
  });

  it('revokes a token through the v1 endpoint (the token in the query)', async () => {
    emulator.tokens.issue('short-lived', { scopes: ['boards:read'] });
    expect((await api(emulator, 'GET', `/v2/boards/${board}`, undefined, 'short-lived')).status).toBe(200);
    const revoked = await api(emulator, 'POST', '/v1/oauth/revoke?access_token=short-lived', undefined, null);
    expect(revoked.status).toBe(204);
    expect((await api(emulator, 'GET', `/v2/boards/${board}`, undefined, 'short-lived')).status).toBe(401);
    expect((await api(emulator, 'POST', '/v1/oauth/revoke?access_token=short-lived', undefined, null)).status).toBe(400);
  });
});
