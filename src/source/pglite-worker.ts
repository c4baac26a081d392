/**
 * The embedded PostgreSQL's thread. PGlite runs a statement to its end without yielding, so an endless
 * `DO` loop or `pg_sleep` in a migration would hang the whole process; in a worker thread the main
 * thread keeps its timers and can stop it (pglite-thread.ts). This side only starts PGlite (with the
 * initdb cache of pglite-start.ts) and answers `exec` and `query` messages, one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { loadPgliteExtensions } from './pglite-extensions.js';
import { startPglite } from './pglite-start.js';
import type { PgliteReply, PgliteRequest, PgliteWorkerData } from './pglite-protocol.js';

const port = parentPort!;
const { extensions, env, pgliteWasmModule, initdbWasmModule } = workerData as PgliteWorkerData;

function errorFields(error: unknown): { message: string; code?: string; position?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, position } = error as { code?: unknown; position?: unknown };
  return {
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof position === 'string' || typeof position === 'number' ? { position: String(position) } : {}),
  };
}

let db: PGlite;
try {
  db = await startPglite(await loadPgliteExtensions(extensions), env, {
    ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
    ...(initdbWasmModule ? { initdbWasmModule } : {}),
  });
  port.postMessage({ id: 0, ok: true, value: null } satisfies PgliteReply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: errorFields(error) } satisfies PgliteReply);
  process.exit(1);
}

// Requests are answered in order: PGlite runs one statement at a time anyway.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: PgliteRequest) => {
  queue = queue.then(async () => {
    try {
      const value =
        request.kind === 'exec'
          ? (await db.exec(request.text), null)
          : request.kind === 'query'
            ? (await db.query<Record<string, unknown>>(request.text, request.parameters)).rows
            : (await db.close(), null);
      port.postMessage({ id: request.id, ok: true, value } satisfies PgliteReply);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, error: errorFields(error) } satisfies PgliteReply);
    }
  });
});
