/**
 * The service's store: a real PostgreSQL (`--store postgres://…`, several `serve` processes can share it)
 * or an embedded PGlite in a data folder (one process). Either way kysely reads and writes the tables and
 * the queue runs its statements on the same database; the tables are migrated before anything else.
 */
import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { SchemaToMiroError } from '../../errors.js';
import { redactPasswords } from '../../source/index.js';
import { startPglite } from '../../source/pglite-start.js';
import { EmbeddedDialect } from './embedded-dialect.js';
import { ExclusiveGate } from './exclusive-gate.js';
import { migrateStore } from './migrations.js';
import type { ServeTables } from './tables.js';

/** The advisory lock key of the setup (any number the service owns; "s2m" in ASCII). */
const SETUP_LOCK = 0x73326d;

export type StoreTarget = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

/** What the queue (pg-boss's `db` option) sends its SQL through. */
export interface QueueDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface ServeStore {
  readonly kind: StoreTarget['kind'];
  /** For logs and messages: the data folder, or the URL without its password. */
  readonly description: string;
  readonly db: Kysely<ServeTables>;
  readonly queueDatabase: QueueDatabase;
  /** Throws when the database does not answer (for /readyz). */
  ping(): Promise<void>;
  /**
   * Runs `work` while no other process on this store runs its own: creating and migrating tables (ours
   * and the queue's) at the same moment deadlocks in PostgreSQL when two processes start together.
   */
  duringSetup<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openStore(target: StoreTarget, env: NodeJS.ProcessEnv): Promise<ServeStore> {
  const store = target.kind === 'postgres' ? await openPostgres(target.url) : await openEmbedded(target.dataDir, env);
  try {
    await store.duringSetup(() => migrateStore(store.db as Kysely<unknown>));
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openPostgres(url: string): Promise<ServeStore> {
  const description = redactPasswords(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'schema-to-miro serve' });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new SchemaToMiroError('database', `cannot connect to the service's store ${description}: ${redactPasswords(reason)}`, { cause: error });
  }
  const db = new Kysely<ServeTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    description,
    db,
    queueDatabase: { executeSql: (text, values) => pool.query(text, values) },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    duringSetup: async (work) => {
      // A session-level advisory lock on a connection of its own, held for the whole setup.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [SETUP_LOCK]);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [SETUP_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function openEmbedded(dataDir: string, env: NodeJS.ProcessEnv): Promise<ServeStore> {
  await mkdir(dataDir, { recursive: true });
  let pglite;
  try {
    pglite = await startPglite({}, env, {}, dataDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SchemaToMiroError('database', `cannot open the embedded store in ${dataDir} (is another serve using it?): ${reason}`, { cause: error });
  }
  const gate = new ExclusiveGate();
  const db = new Kysely<ServeTables>({ dialect: new EmbeddedDialect(pglite, gate) });
  const instance = pglite;
  return {
    kind: 'embedded',
    description: dataDir,
    db,
    queueDatabase: {
      // Parameterless texts may hold several statements (pg-boss's install and maintenance): `exec` runs
      // them as one simple query; the others go through the extended protocol.
      executeSql: (text, values) =>
        gate.run(async () => {
          if (values === undefined || values.length === 0) {
            const results = await instance.exec(text);
            return { rows: results.at(-1)?.rows ?? [] };
          }
          const result = await instance.query(text, values);
          return { rows: result.rows };
        }),
    },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    // One process holds an embedded store: there is nobody to wait for.
    duringSetup: (work) => work(),
    close: async () => {
      await db.destroy();
      await instance.close();
    },
  };
}
