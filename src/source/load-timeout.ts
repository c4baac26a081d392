/**
 * How long `--sql` files may take to load by default. A migration that runs longer than two minutes in an
 * empty embedded database is stuck (an endless loop, a `pg_sleep`), not slow. Its own file, free of the
 * loader's imports, so the option declarations can name it.
 */
export const DEFAULT_LOAD_TIMEOUT_SECONDS = 120;
