/**
 * A kysely dialect over PGlite, the embedded store. PGlite is one connection: the driver hands it to one
 * caller at a time (a query, or a whole transaction) through the store's gate, which the queue shares.
 */
import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import { PostgresSpeakingDialect } from '../../source/query-runner-dialect.js';
import type { ExclusiveGate } from './exclusive-gate.js';

class EmbeddedConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(query.sql, [...query.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // The store reads small results whole.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the embedded store does not stream results');
  }
}

class EmbeddedDriver implements Driver {
  readonly #connection: EmbeddedConnection;
  /** Opens the gate again when the connection is released. */
  #leave: (() => void) | null = null;

  constructor(pg: PGlite, private readonly gate: ExclusiveGate) {
    this.#connection = new EmbeddedConnection(pg);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#leave = await this.gate.enter();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const leave = this.#leave;
    this.#leave = null;
    leave?.();
  }

  async destroy(): Promise<void> {}
}

export class EmbeddedDialect extends PostgresSpeakingDialect {
  constructor(private readonly pg: PGlite, private readonly gate: ExclusiveGate) {
    super();
  }

  createDriver(): Driver {
    return new EmbeddedDriver(this.pg, this.gate);
  }
}
