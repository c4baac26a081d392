/**
 * The session every catalog source runs in, so both engines print names and types the same way.
 *
 * - READ ONLY: introspection never writes; REPEATABLE READ gives all catalog queries one snapshot.
 * - search_path = pg_catalog: `format_type`, `pg_get_expr` and friends then qualify every name outside
 *   pg_catalog (`public.mood`, `nextval('public.film_film_id_seq'::regclass)`), whatever the user's or the
 *   dump's search_path was, so the model does not depend on session state.
 * - statement_timeout: a catalog query that runs for a minute is a stuck server, not a big schema.
 */
export const STATEMENT_TIMEOUT = '60s';

export const SESSION_SETUP_SQL = [
  'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  `SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`,
  'SET LOCAL search_path = pg_catalog',
].join(';\n');
