/**
 * `npm run bench:serve`: one `serve` process (the real command, so that the load generator here does not
 * share its event loop) against the Miro emulator at Miro's real rate limit
 * (100,000 credits per minute per token), its store on the local PostgreSQL when one answers (else the
 * embedded store), the schema read from a live database (the shop fixture). Prints:
 * - GET /runs/:id under 50 concurrent clients: requests per second, p50 and p99 latency;
 * - POST /boards/:id/sync (queueing a sync) under 50 concurrent clients, the same figures;
 * - syncs per minute for 20 small boards drawn from scratch, then re-synced unchanged, one person's token.
 */
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { emulatorOAuth } from '../scripts/miro-emulator/oauth.js';
import { startMiroEmulator, type MiroEmulator } from '../scripts/miro-emulator/index.js';

const CLIENTS = 50;
const REQUESTS = 3000;
const BOARDS = 20;
const CLIENT_ID = '3458764512345678999';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHOP_SQL = join(REPO, 'fixtures', 'shop.sql');
/** `BENCH_POSTGRES_URL` (a superuser URL), else the local server; without one the store is embedded. */
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(name: string): Promise<BenchDatabase | null> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => again.end());
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Signs a person in the way a browser does (the emulator approves at once) and returns the session cookie. */
async function signIn(origin: string, emulator: MiroEmulator): Promise<string> {
  emulatorOAuth(emulator.tokens).configure({ user: { id: '3458764500000009001', name: 'Bench' }, team: { id: '3458764500000009002', name: 'Bench team' } });
  const cookieOf = (response: Response) => response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const start = await fetch(`${origin}/auth/miro`, { redirect: 'manual' });
  const anonymous = cookieOf(start);
  const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual', headers: { cookie: anonymous } });
  if (callback.status !== 303) throw new Error(`sign-in failed: ${callback.status}`);
  return cookieOf(callback);
}

async function main(): Promise<void> {
  const emulator = await startMiroEmulator();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  emulatorOAuth(emulator.tokens).registerApp({ clientId: CLIENT_ID, clientSecret: 'bench-secret', redirectUris: [`${origin}/auth/miro/callback`] });
  const folder = await mkdtemp(join(tmpdir(), 's2m-bench-serve-'));
  const store = await createDatabase(`s2m_bench_serve_store_${process.pid}`);
  const source = store === null ? null : await createDatabase(`s2m_bench_serve_source_${process.pid}`);
  const live = store !== null && source !== null;
  if (live) {
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    await client.query(await readFile(SHOP_SQL, 'utf8')).finally(() => client.end());
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MIRO_CLIENT_ID: CLIENT_ID,
    MIRO_CLIENT_SECRET: 'bench-secret',
    MIRO_REDIRECT_URI: `${origin}/auth/miro/callback`,
    MIRO_API_URL: emulator.url,
    MIRO_AUTH_URL: emulator.url,
    SCHEMA_TO_MIRO_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
    ...(live ? { BENCH_SOURCE_URL: source.url } : {}),
  };
  const config = join(folder, 'serve.config.json');
  await writeFile(
    config,
    JSON.stringify({
      sources: { shop: live ? { dbEnv: 'BENCH_SOURCE_URL' } : { sql: [SHOP_SQL] } },
      serve: { concurrency: 8, pollSeconds: 1, leaseSeconds: 60, rateLimitPerMinute: 10_000_000, logLevel: 'warn' },
    }),
  );
  const store_ = live ? ['--store', store.url] : ['--data-dir', join(folder, 'data')];
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/bin.ts'), 'serve', '--config', config, '--port', String(port), ...store_], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  for (let tries = 0; !(await fetch(`${origin}/readyz`).then((r) => r.ok, () => false)); tries++) {
    if (tries > 300 || child.exitCode !== null) throw new Error('serve did not start');
    await new Promise((done) => setTimeout(done, 200));
  }
  try {
    console.log(`serve bench: store ${live ? 'PostgreSQL (local)' : 'embedded PGlite'}, source ${live ? 'live database' : 'SQL files'}, ${CLIENTS} concurrent clients`);
    const session = await signIn(origin, emulator);
    const created = await fetch(`${origin}/tokens`, {
      method: 'POST',
      headers: { cookie: session, origin, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench' }),
    });
    const { token } = (await created.json()) as { token: string };
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
    child.kill('SIGTERM');
    await exited;
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
