/**
 * The CLI's `TokenStore`, kept in the service's database: one login per Miro user and team (and app).
 * Tokens are sealed (sealing.ts) before they reach the table. `exclusive` holds a row lock on the person's
 * logins for the length of a refresh, so that two processes never spend one refresh token (Miro rotates
 * it: the second use would fail and sign the person out).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { StoredLogin, TokenStore } from '../../auth/index.js';
import type { ServeTables } from '../store/tables.js';
import type { TokenSealer } from './sealing.js';

export interface MiroIdentity {
  userId: string;
  teamId: string;
}

interface SealedTokens {
  accessToken: string;
  refreshToken: string | null;
}

export class DatabaseTokenStore {
  constructor(
    private readonly db: Kysely<ServeTables>,
    private readonly sealer: TokenSealer,
    /** The app's secret comes from the server's environment; it is never stored with the tokens. */
    private readonly clientSecret: string,
  ) {}

  /** The logins of one Miro user in one team, behind the CLI's small interface. */
  forIdentity(identity: MiroIdentity): TokenStore {
    return new PersonTokenStore(this.db, this.sealer, this.clientSecret, identity);
  }
}

class PersonTokenStore implements TokenStore {
  readonly location: string;
  readonly #inExclusive = new AsyncLocalStorage<Transaction<ServeTables>>();

  constructor(
    private readonly db: Kysely<ServeTables>,
    private readonly sealer: TokenSealer,
    private readonly clientSecret: string,
    private readonly identity: MiroIdentity,
  ) {
    this.location = `service store (Miro user ${identity.userId}, team ${identity.teamId})`;
  }

  /** Inside `exclusive`, every read and write goes through its transaction (the one holding the lock). */
  get #db(): Kysely<ServeTables> {
    return this.#inExclusive.getStore() ?? this.db;
  }

  async get(clientId: string): Promise<StoredLogin | null> {
    const row = await this.#db
      .selectFrom('logins')
      .innerJoin('people', 'people.id', 'logins.person_id')
      .select(['people.id as person_id', 'people.user_name', 'people.team_name', 'logins.key_id', 'logins.sealed', 'logins.expires_at', 'logins.obtained_at', 'logins.scopes'])
      .where('people.miro_user_id', '=', this.identity.userId)
      .where('people.miro_team_id', '=', this.identity.teamId)
      .where('logins.client_id', '=', clientId)
      .executeTakeFirst();
    if (row === undefined) return null;
    const tokens = JSON.parse(this.sealer.open({ keyId: row.key_id, text: row.sealed }, binding(row.person_id, clientId))) as SealedTokens;
    return {
      clientId,
      clientSecret: this.clientSecret,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
      scopes: row.scopes,
      user: { id: this.identity.userId, name: row.user_name },
      team: { id: this.identity.teamId, name: row.team_name },
      obtainedAt: new Date(row.obtained_at).toISOString(),
    };
  }

  async set(login: StoredLogin): Promise<void> {
    const db = this.#db;
    const person = await db
      .insertInto('people')
      .values({ miro_user_id: this.identity.userId, miro_team_id: this.identity.teamId, user_name: login.user.name, team_name: login.team.name })
      .onConflict((c) =>
        c.columns(['miro_user_id', 'miro_team_id']).doUpdateSet((eb) => ({
          user_name: eb.fn.coalesce('excluded.user_name', 'people.user_name'),
          team_name: eb.fn.coalesce('excluded.team_name', 'people.team_name'),
        })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const tokens: SealedTokens = { accessToken: login.accessToken, refreshToken: login.refreshToken };
    const sealed = this.sealer.seal(JSON.stringify(tokens), binding(person.id, login.clientId));
    const values = {
      key_id: sealed.keyId,
      sealed: sealed.text,
      expires_at: login.expiresAt,
      obtained_at: login.obtainedAt,
      scopes: JSON.stringify(login.scopes),
      updated_at: new Date(),
    };
    await db
      .insertInto('logins')
      .values({ person_id: person.id, client_id: login.clientId, ...values })
      .onConflict((c) => c.columns(['person_id', 'client_id']).doUpdateSet(values))
      .execute();
  }

  async clear(clientId: string): Promise<void> {
    await this.#db
      .deleteFrom('logins')
      .where('client_id', '=', clientId)
      .where('person_id', 'in', this.#personIds())
      .execute();
  }

  async clientIds(): Promise<string[]> {
    const rows = await this.#db.selectFrom('logins').select('client_id').where('person_id', 'in', this.#personIds()).orderBy('client_id').execute();
    return rows.map((r) => r.client_id);
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#inExclusive.getStore() !== undefined) return work();
    return this.db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('logins')
        .select('client_id')
        .where('person_id', 'in', trx.selectFrom('people').select('id').where('miro_user_id', '=', this.identity.userId).where('miro_team_id', '=', this.identity.teamId))
        .forUpdate()
        .execute();
      return this.#inExclusive.run(trx, work);
    });
  }

  #personIds() {
    return this.#db.selectFrom('people').select('id').where('miro_user_id', '=', this.identity.userId).where('miro_team_id', '=', this.identity.teamId);
  }
}

/** Associated data of a sealed login: it opens only in its own row. */
function binding(personId: number, clientId: string): string {
  return `login:${personId}:${clientId}`;
}
