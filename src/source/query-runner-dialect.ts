/**
 * A kysely dialect over any function that runs one SQL statement with parameters and returns its rows.
 *
 * Both sources (a `pg` client and an in-process PGlite) reduce to such a function, so the introspector
 * builds its queries with kysely and never learns which engine answers. The source owns the session
 * (one connection, one read-only transaction): this driver neither opens nor closes anything.
 */
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/** Runs one statement; rows come back as plain objects keyed by column name. */
export type QueryRunner = (sql: string, parameters: readonly unknown[]) => Promise<Record<string, unknown>[]>;

class RunnerConnection implements DatabaseConnection {
  constructor(private readonly run: QueryRunner) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const rows = await this.run(compiledQuery.sql, compiledQuery.parameters);
    return { rows: rows as R[] };
  }

  // Catalog queries are read whole; nothing here streams.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the catalog source');
  }
}

class RunnerDriver implements Driver {
  private readonly connection: RunnerConnection;

  constructor(run: QueryRunner) {
    this.connection = new RunnerConnection(run);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }

  // The session is already inside the source's read-only transaction; nested ones would break it.
  async beginTransaction(): Promise<void> {
    throw new Error('the catalog source runs inside its own read-only transaction');
  }

  async commitTransaction(): Promise<void> {}

  async rollbackTransaction(): Promise<void> {}

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

/** A dialect that speaks PostgreSQL through a driver of its own: only `createDriver` differs. */
export abstract class PostgresSpeakingDialect implements Dialect {
  abstract createDriver(): Driver;

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  // Kysely<any> is what kysely's Dialect interface declares; it stays inside this file.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

export class QueryRunnerDialect extends PostgresSpeakingDialect {
  constructor(private readonly run: QueryRunner) {
    super();
  }

  createDriver(): Driver {
    return new RunnerDriver(this.run);
  }
}
