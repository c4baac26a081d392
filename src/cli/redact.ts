/**
 * Last line of defence for secrets: every message the CLI prints goes through a redactor that knows the
 * secrets of this run (tokens, client secrets, database passwords) and masks them, so a secret that slipped
 * into an error from a library never reaches the terminal or a CI log.
 */

const MASK = '***';

export type Redactor = (text: string) => string;

export function createRedactor(secrets: Iterable<string | undefined | null>): Redactor {
  // Longest first, so a secret that contains another is masked whole. Very short values would mask
  // ordinary words, and a real secret is never that short.
  const values = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const value of values) out = out.split(value).join(MASK);
    return maskUrlPasswords(out);
  };
}

/** `postgres://user:pw@host` -> `postgres://user:***@host`, wherever a URL with credentials appears. */
export function maskUrlPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@)/gi, `$1${MASK}$3`);
}

/** The secrets a run may know of: from the environment and from flags. */
export function secretsOf(env: NodeJS.ProcessEnv, flags: { token?: string; db?: string }): string[] {
  const found: string[] = [];
  for (const key of ['MIRO_ACCESS_TOKEN', 'MIRO_CLIENT_SECRET', 'PGPASSWORD']) {
    const value = env[key];
    if (value) found.push(value);
  }
  if (flags.token) found.push(flags.token);
  for (const url of [flags.db, env.DATABASE_URL]) {
    const password = passwordOf(url);
    if (password) found.push(password, encodeURIComponent(password));
  }
  return found;
}

function passwordOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.password ? decodeURIComponent(parsed.password) : null;
  } catch {
    return null;
  }
}
