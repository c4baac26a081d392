/** How long `login` waits for Miro's redirect by default (its own file: the CLI shows it in help without loading the login). */
export const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;
