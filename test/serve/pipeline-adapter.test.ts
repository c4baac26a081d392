/**
 * The service draws what the CLI draws from the same config file: relations no constraint backs (declared
 * and inferred), header colours and the config's defaults reach a service sync, and a request's own
 * options still win over them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticTokenProvider } from '../../src/miro/credentials.js';
import { openBoard, syncSourceToBoard, type BoardSyncRequest } from '../../src/serve/runner/pipeline-adapter.js';
import { DEFAULT_TEAM_ID, DEFAULT_USER_ID } from '../../scripts/miro-emulator/index.js';
import { resolveServeSettings, type ServeDrawing } from '../../src/serve/settings.js';
import { parseProjectConfig } from '../../src/config/index.js';
import { harnessFor, sentText, TEST_TOKEN } from '../sync/harness.js';

const SQL = `
CREATE TABLE companies (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE customers (id bigint PRIMARY KEY, company_id bigint, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_ref bigint NOT NULL, total numeric NOT NULL);
`;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'serve-drawing-'));
  await writeFile(join(folder, 'schema.sql'), SQL);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const ENV = { MIRO_CLIENT_ID: 'id', MIRO_CLIENT_SECRET: 'client-secret', SCHEMA_TO_MIRO_SECRET: 'x'.repeat(40), HOME: '/nonexistent' };

function drawingFrom(config: unknown): ServeDrawing {
  const parsed = parseProjectConfig(config, 'schema-to-miro.config.json');
  return resolveServeSettings({}, parsed, ENV).drawing;
}

describe('a service sync draws as the config file says', () => {
  const harness = harnessFor('verbatim');

  function request(boardId: string, drawing: ServeDrawing, diagram: BoardSyncRequest['diagram'] = {}): BoardSyncRequest {
    return {
      source: { name: 'files', spec: { kind: 'sql', paths: [join(folder, 'schema.sql')] }, schemas: [], views: false, hookSecret: null },
      diagram,
      drawing,
      boardId,
      miro: { apiBaseUrl: harness.emulator.url, credentials: new StaticTokenProvider(TEST_TOKEN, 'MIRO_ACCESS_TOKEN') },
      lockRunId: 'serve-test',
      clearOwnLock: false,
      lockWaitSeconds: 5,
      mark: 'changed in test',
      env: {},
    };
  }

  it('takes declared and inferred relations, colours and the column default from the config', async () => {
    const drawing = drawingFrom({
      relations: [{ from: 'public.orders(customer_ref)', to: 'public.customers(id)' }],
      inferRelations: true,
      colors: { public: '#aa3300' },
      columns: 'keys',
    });
    const board = await harness.client().createBoard({ name: 'Drawn by the service' });
    const result = await syncSourceToBoard(request(board.id, drawing));
    expect(result.status).toBe('changed');
    expect(result.json.relations).toEqual([
      { kind: 'declared', from: 'public.orders(customer_ref)', to: 'public.customers(id)' },
      { kind: 'inferred', from: 'public.customers(company_id)', to: 'public.companies(id)' },
    ]);
    const connectors = harness.emulator.boards.require(board.id).connectors();
    expect(connectors).toHaveLength(2);
    expect(connectors.map((c) => c.style.strokeStyle)).toEqual(['dashed', 'dashed']);
    const shapes = harness.emulator.boards.require(board.id).items().filter((item) => item.type === 'shape');
    const orders = shapes.find((item) => sentText(item)?.includes('orders'));
    // `columns: keys`: the key and the foreign-key-like column are drawn, `total` is not.
    expect(sentText(orders!)).toContain('customer_ref');
    expect(sentText(orders!)).not.toContain('total');
    expect(JSON.stringify(shapes.map((item) => item.style))).toContain('#aa3300');
  });

  it('lets a request override the config defaults, and draws no unenforced relation the config does not ask for', async () => {
    const board = await harness.client().createBoard({ name: 'Request options' });
    const result = await syncSourceToBoard(request(board.id, drawingFrom({ columns: 'keys' }), { columns: 'all' }));
    expect(result.json.relations).toEqual([]);
    expect(harness.emulator.boards.require(board.id).connectors()).toHaveLength(0);
    const orders = harness.emulator.boards.require(board.id).items().find((item) => item.type === 'shape' && sentText(item)?.includes('orders'));
    expect(sentText(orders!)).toContain('total');
  });

  it('refuses to link a board shared read-only with the person, before any run is queued', async () => {
    const board = harness.emulator.boards.create({ name: 'Read-only', teamId: DEFAULT_TEAM_ID, ownerId: '3458764500000000777' });
    const miro = { apiBaseUrl: harness.emulator.url, credentials: new StaticTokenProvider(TEST_TOKEN, 'MIRO_ACCESS_TOKEN') };
    expect((await openBoard(miro, board.id)).boardName).toBe('Read-only');
    board.setRole(DEFAULT_USER_ID, 'commenter');
    await expect(openBoard(miro, board.id)).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('is a commenter of it; keeping it current needs edit access') });
  });
});
