/**
 * The store's schema, as kysely migrations run at every start (already applied ones are skipped; two
 * processes starting at once are serialised by kysely's migration lock). Append new migrations; never edit one.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { SchemaToMiroError } from '../../errors.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('people')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('miro_user_id', 'text', (c) => c.notNull())
        .addColumn('miro_team_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text')
        .addColumn('team_name', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('people_miro_identity', ['miro_user_id', 'miro_team_id'])
        .execute();
      await db.schema
        .createTable('logins')
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz')
        .addColumn('obtained_at', 'timestamptz', (c) => c.notNull())
        .addColumn('scopes', 'jsonb', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('logins_pk', ['person_id', 'client_id'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('oauth_states')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_hash', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_used_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('links')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('board_url', 'text', (c) => c.notNull())
        .addColumn('board_name', 'text')
        .addColumn('options', 'jsonb', (c) => c.notNull())
        .addColumn('every_seconds', 'integer')
        .addColumn('next_due_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('links_person_board', ['person_id', 'board_id'])
        .execute();
      await db.schema.createIndex('links_source').on('links').column('source').execute();
      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('link_id', 'integer', (c) => c.notNull().references('links.id').onDelete('cascade'))
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('worker', 'text')
        .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('started_at', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('result', 'jsonb')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('runs_link').on('runs').columns(['link_id', 'queued_at']).execute();
      await db.schema
        .createTable('board_leases')
        .addColumn('board_id', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the store's tables up to date; a failure is one line naming the migration. */
export async function migrateStore(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 's2m_migrations', migrationLockTableName: 's2m_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'the store';
    const detail = error instanceof Error ? error.message : String(error);
    throw new SchemaToMiroError('database', `cannot migrate the service's store (${failed}): ${detail}`, { cause: error });
  }
}
