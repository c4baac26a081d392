/**
 * `npm run bench:serve`: one `serve` (in this process) against the Miro emulator at Miro's real rate limit
 * (100,000 credits per minute per token), its store on the local PostgreSQL when one answers (else the
 * embedded store), the schema read from a live database (the shop fixture). Prints:
 * - GET /runs/:id under 50 concurrent clients: requests per second, p50 and p99 latency;
 * - POST /boards/:id/sync (queueing a sync) under 50 concurrent clients, the same figures;
 * - syncs per minute for 20 small boards drawn from scratch, then re-synced unchanged, one person's token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../src/serve/ops/logger.js';
import { resolveServeSettings, startServer } from '../src/serve/index.js';
import { emulatorOAuth } from '../test/emulator/oauth.js';
import { startMiroEmulator } from '../test/emulator/index.js';
import { freePort } from '../test/auth/support/fixtures.js';
import { Browser } from '../test/serve/support/browser.js';
import { fixture, freshDatabase, type FreshDatabase } from '../test/support/database.js';

const CLIENTS = 50;
const REQUESTS = 3000;
const BOARDS = 20;
const CLIENT_ID = '3458764512345678999';

async function main(): Promise<void> {
  const emulator = await startMiroEmulator();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  emulatorOAuth(emulator.tokens).registerApp({ clientId: CLIENT_ID, clientSecret: 'bench-secret', redirectUris: [`${origin}/auth/miro/callback`] });
  const folder = await mkdtemp(join(tmpdir(), 's2m-bench-serve-'));
  let store: FreshDatabase | null = null;
  let source: FreshDatabase | null = null;
  try {
    store = await freshDatabase('bench_serve_store');
    source = await freshDatabase('bench_serve_source');
  } catch {
    store = null;
  }
  const live = store?.kind === 'server' && source?.kind === 'server';
  if (live) await source!.loadFile(fixture('shop.sql'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MIRO_CLIENT_ID: CLIENT_ID,
    MIRO_CLIENT_SECRET: 'bench-secret',
    MIRO_REDIRECT_URI: `${origin}/auth/miro/callback`,
    MIRO_API_URL: emulator.url,
    MIRO_AUTH_URL: emulator.url,
    SCHEMA_TO_MIRO_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
    ...(live ? { BENCH_SOURCE_URL: source!.url } : {}),
  };
  const settings = resolveServeSettings(
    live ? { store: store!.url } : { dataDir: join(folder, 'data') },
    {
      sources: { shop: live ? { dbEnv: 'BENCH_SOURCE_URL' } : { sql: [fixture('shop.sql')] } },
      serve: { port, concurrency: 4, pollSeconds: 1, leaseSeconds: 60, rateLimitPerMinute: 10_000_000, logLevel: 'warn' },
    },
    env,
  );
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const server = await startServer(settings, { env, log: createLogger('warn', silent) });
  try {
    console.log(`serve bench: store ${live ? 'PostgreSQL (local)' : 'embedded PGlite'}, source ${live ? 'live database' : 'SQL files'}, ${CLIENTS} concurrent clients`);
    const browser = new Browser(origin);
    await browser.signIn(emulator, { userId: '3458764500000009001', teamId: '3458764500000009002', name: 'Bench' });
    const token = (await browser.request('POST', '/tokens', { body: { name: 'bench' }, headers: { accept: 'application/json' } })).json<{ token: string }>().token;
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: () => Promise<unknown> }> => {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: () => response.json() };
    };
    const waitAll = async (runIds: string[]): Promise<void> => {
      for (const id of runIds) {
        for (;;) {
          const run = (await (await call('GET', `/runs/${id}`)).json()) as { status: string; error: string | null };
          if (run.status === 'failed') throw new Error(`run failed: ${run.error}`);
          if (run.status === 'succeeded') break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };

    // Syncs per minute: 20 small boards drawn from scratch (one person, one token's credits), then re-synced.
    let started = performance.now();
    const generated: { boardId: string; runId: string }[] = [];
    for (let i = 0; i < BOARDS; i++) generated.push((await (await call('POST', '/boards/generate', { source: 'shop', boardName: `Bench ${i}` })).json()) as { boardId: string; runId: string });
    await waitAll(generated.map((g) => g.runId));
    const coldSeconds = (performance.now() - started) / 1000;
    const credits = emulator.stats.credits;
    started = performance.now();
    const resyncs = await Promise.all(generated.map(async (g) => ((await (await call('POST', `/boards/${g.boardId}/sync`, {})).json()) as { runId: string }).runId));
    await waitAll(resyncs);
    const warmSeconds = (performance.now() - started) / 1000;
    console.log(`syncs per minute, ${BOARDS} new small boards: ${((BOARDS / coldSeconds) * 60).toFixed(1)} (${coldSeconds.toFixed(1)} s, ${credits.toLocaleString('en-US')} credits, ${emulator.stats.rejected429} answers 429)`);
    console.log(`syncs per minute, ${BOARDS} unchanged re-syncs: ${((BOARDS / warmSeconds) * 60).toFixed(1)} (${warmSeconds.toFixed(1)} s)`);

    const runId = resyncs[0]!;
    console.log(figures('GET /runs/:id', await load(() => call('GET', `/runs/${runId}`))));
    let n = 0;
    console.log(figures('POST /boards/:id/sync (queue a sync)', await load(() => call('POST', `/boards/${generated[n++ % BOARDS]!.boardId}/sync`, {}), 202)));
  } finally {
    await server.stop({ timeoutMs: 30_000 });
    await emulator.close();
    await store?.drop().catch(() => undefined);
    await source?.drop().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  }
}

interface Load {
  seconds: number;
  latencies: number[];
}

async function load(request: () => Promise<{ status: number }>, expected = 200): Promise<Load> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next++ < REQUESTS) {
        const t = performance.now();
        const { status } = await request();
        if (status !== expected) throw new Error(`answered ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

function figures(label: string, { seconds, latencies }: Load): string {
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  return `${label}: ${(latencies.length / seconds).toFixed(0)} req/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${latencies.length} requests, ${CLIENTS} clients)`;
}

await main();
