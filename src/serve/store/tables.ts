/**
 * The service's tables as kysely sees them (created by migrations.ts). Secrets never sit here in clear:
 * tokens are sealed (AES-256-GCM), session ids, OAuth states and personal API tokens are stored as hashes.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface PeopleTable {
  id: Generated<number>;
  miro_user_id: string;
  miro_team_id: string;
  user_name: string | null;
  team_name: string | null;
  created_at: CreatedAt;
}

export interface LoginsTable {
  person_id: number;
  client_id: string;
  /** Which key sealed `sealed` (rotation: old keys stay readable while listed). */
  key_id: string;
  /** iv.tag.ciphertext (base64url) of the access token, refresh token and client secret. */
  sealed: string;
  expires_at: Timestamp | null;
  obtained_at: Timestamp;
  scopes: Json<string[]>;
  updated_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's value. */
  id_hash: string;
  person_id: number | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface OAuthStatesTable {
  state_hash: string;
  session_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  person_id: number;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
}

export interface LinksTable {
  id: Generated<number>;
  person_id: number;
  source: string;
  board_id: string;
  board_url: string;
  board_name: string | null;
  /** The diagram options the board was generated with (schemas, include, focus, …). */
  options: Json<Record<string, unknown>>;
  every_seconds: number | null;
  next_due_at: Timestamp | null;
  created_at: CreatedAt;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type RunTrigger = 'request' | 'hook' | 'schedule';

export interface RunsTable {
  id: string;
  link_id: number;
  trigger: RunTrigger;
  /** What changed tables are marked with (`changed in <label>`), e.g. a migration name from a webhook. */
  label: string | null;
  status: RunStatus;
  attempts: Generated<number>;
  /** The process that ran the last attempt (host:pid), for the run record and the tests. */
  worker: string | null;
  queued_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** The same document as the CLI's `--json`. */
  result: Json<Record<string, unknown>> | null;
  error: string | null;
}

/** One holder per Miro board at a time, across processes; a killed holder's lease runs out. */
export interface BoardLeasesTable {
  board_id: string;
  holder: string;
  expires_at: Timestamp;
}

export interface ServeTables {
  people: PeopleTable;
  logins: LoginsTable;
  sessions: SessionsTable;
  oauth_states: OAuthStatesTable;
  api_tokens: ApiTokensTable;
  links: LinksTable;
  runs: RunsTable;
  board_leases: BoardLeasesTable;
}
