/**
 * A running `serve` for tests: the Miro emulator (OAuth and REST) with the service's app registered, the
 * service in this process (or as real processes, see processes.ts) on either store, and its logs kept
 * for the log scan.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ProjectConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/serve/ops/logger.js';
import { resolveServeSettings, startServer, type RunningServer, type ServeSettings } from '../../../src/serve/index.js';
import { startMiroEmulator, type MiroEmulator } from '../../../scripts/miro-emulator/index.js';
import { emulatorOAuth } from '../../../scripts/miro-emulator/oauth.js';
import { freePort } from '../../auth/support/fixtures.js';
import { fixture, freshDatabase, type FreshDatabase } from '../../support/database.js';

export type StoreKind = 'embedded' | 'postgres';

export const CLIENT_ID = '3458764512345678901';
export const CLIENT_SECRET = 'serve-client-secret-7f3a9c';
export const SECRET = 'serve-test-secret-0123456789abcdef0123456789';
export const HOOK_SECRET = 'shop-hook-secret-51c2e8';

export interface ServeEnvironment {
  emulator: MiroEmulator;
  port: number;
  origin: string;
  env: NodeJS.ProcessEnv;
  config: ProjectConfig;
  /** The store's database (postgres) or data folder (embedded). */
  storeUrl: string | null;
  dataDir: string;
  database: FreshDatabase | null;
  close(): Promise<void>;
}

/** Emulator, env and config for one or more `serve` processes sharing one store. */
/**
 * `live`: also declare the source "live", a real database with the rich fixture (read with `dbEnv`), which
 * reads in milliseconds where SQL files take an embedded PostgreSQL's start each time.
 */
export async function serveEnvironment(kind: StoreKind, label: string, serve: ProjectConfig['serve'] = {}, options: { live?: boolean } = {}): Promise<ServeEnvironment> {
  const emulator = await startMiroEmulator();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  emulatorOAuth(emulator.tokens).registerApp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${origin}/auth/miro/callback`] });
  const folder = await mkdtemp(join(tmpdir(), 's2m-serve-'));
  const database = kind === 'postgres' ? await freshDatabase(`serve_${label}`) : null;
  if (database !== null && database.kind !== 'server') throw new Error('no PostgreSQL server for the postgres store tests');
  const live = options.live ? await freshDatabase(`serve_${label}_src`) : null;
  if (live !== null && live.kind !== 'server') throw new Error('no PostgreSQL server for the live source');
  await live?.loadFile(fixture('rich.sql'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: folder,
    SCHEMA_TO_MIRO_CACHE_DIR: process.env.SCHEMA_TO_MIRO_CACHE_DIR,
    MIRO_CLIENT_ID: CLIENT_ID,
    MIRO_CLIENT_SECRET: CLIENT_SECRET,
    MIRO_REDIRECT_URI: `${origin}/auth/miro/callback`,
    MIRO_API_URL: emulator.url,
    MIRO_AUTH_URL: emulator.url,
    SCHEMA_TO_MIRO_SECRET: SECRET,
    SHOP_HOOK_SECRET: HOOK_SECRET,
    ...(live !== null ? { LIVE_DATABASE_URL: live.url } : {}),
  };
  const config: ProjectConfig = {
    sources: {
      shop: { sql: [fixture('shop.sql')], hookSecretEnv: 'SHOP_HOOK_SECRET' },
      rich: { sql: [fixture('rich.sql')] },
      ...(live !== null ? { live: { dbEnv: 'LIVE_DATABASE_URL', hookSecretEnv: 'SHOP_HOOK_SECRET' } } : {}),
    },
    serve: { port, leaseSeconds: 3, pollSeconds: 0.5, retries: 2, rateLimitPerMinute: 100_000, logLevel: 'info', ...serve },
  };
  return {
    emulator,
    port,
    origin,
    env,
    config,
    storeUrl: database?.url ?? null,
    dataDir: join(folder, 'data'),
    database,
    close: async () => {
      await emulator.close();
      await database?.drop();
      await live?.drop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export function settingsOf(environment: ServeEnvironment): ServeSettings {
  return resolveServeSettings(
    environment.storeUrl !== null ? { store: environment.storeUrl } : { dataDir: environment.dataDir },
    environment.config,
    environment.env,
  );
}

export interface InProcessServe {
  server: RunningServer;
  settings: ServeSettings;
  /** Every log line written so far. */
  logs(): string;
}

export async function startInProcess(environment: ServeEnvironment): Promise<InProcessServe> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const settings = settingsOf(environment);
  const server = await startServer(settings, { env: environment.env, log: createLogger(settings.logLevel, sink) });
  return { server, settings, logs: () => lines.join('') };
}

/** Polls GET /runs/:id until the run has finished. */
export async function waitForRun(
  get: (path: string) => Promise<{ status: number; json<T>(): T }>,
  runId: string,
  timeoutMs = 30_000,
): Promise<RunAnswer> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await get(`/runs/${runId}`);
    if (answer.status !== 200) throw new Error(`GET /runs/${runId} answered ${answer.status}`);
    const run = answer.json<RunAnswer>();
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    if (Date.now() > until) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface RunAnswer {
  id: string;
  boardId: string;
  status: string;
  attempts: number;
  worker: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  result: { status: string; board: { id: string } | null; changes: Record<string, string[]> | null; tables: number } | null;
}
