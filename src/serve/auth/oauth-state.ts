/**
 * The OAuth `state`: 256 random bits, stored as a hash with the session it was made for, spent by the
 * first callback that presents it, and worthless after 10 minutes. The check and the spending are one
 * statement, so two callbacks racing with one state cannot both pass.
 */
import { sql, type Kysely } from 'kysely';
import type { ServeTables } from '../store/tables.js';
import { hashSecret, randomSecret } from './secrets.js';

export const STATE_LIFETIME_SECONDS = 600;

export async function createOAuthState(db: Kysely<ServeTables>, sessionHash: string): Promise<string> {
  const state = randomSecret();
  await db
    .insertInto('oauth_states')
    .values({ state_hash: hashSecret(state), session_hash: sessionHash, expires_at: new Date(Date.now() + STATE_LIFETIME_SECONDS * 1000) })
    .execute();
  // Spent and expired states, and expired sessions, are of no use to anyone: drop them as new ones are made.
  await db.deleteFrom('oauth_states').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
  return state;
}

export type StateCheck = 'ok' | 'missing' | 'unknown' | 'replayed' | 'expired' | 'other-session';

export async function spendOAuthState(db: Kysely<ServeTables>, state: string | undefined, sessionHash: string | null): Promise<StateCheck> {
  if (state === undefined || state === '') return 'missing';
  const hash = hashSecret(state);
  const spent = await db
    .updateTable('oauth_states')
    .set({ used_at: new Date() })
    .where('state_hash', '=', hash)
    .where('used_at', 'is', null)
    .returning(['session_hash', 'expires_at'])
    .executeTakeFirst();
  if (spent === undefined) {
    const known = await db.selectFrom('oauth_states').select('state_hash').where('state_hash', '=', hash).executeTakeFirst();
    return known === undefined ? 'unknown' : 'replayed';
  }
  if (new Date(spent.expires_at).getTime() <= Date.now()) return 'expired';
  if (sessionHash === null || spent.session_hash !== sessionHash) return 'other-session';
  return 'ok';
}
