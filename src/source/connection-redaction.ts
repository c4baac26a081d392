/**
 * The one place that knows where a password hides in a connection string, whatever its shape: a URL's
 * `user:password@` (also malformed ones such as `postgresql:/user:pw@host` or `user:pw@host/db`), a URL's
 * `?password=`, and libpq's keyword/value `password=...` (quoted `'...'` with `\'` escapes, or bare).
 * Every text that leaves the process goes through `redactPasswords`; `passwordsIn` lets the CLI mask the
 * exact password of this run's connection string too, wherever a library repeats it.
 */

const MASK = '***';

/**
 * `scheme://user:` or `scheme:/user:` or a bare `user:`, then everything up to the last `@` of the same
 * word. The user part stops at characters that cannot belong to it, so the mask starts after its colon.
 */
const USER_INFO = /((?:\b[a-z][a-z0-9+.-]*:\/+)?[^\s:/@"'`=?&]*:)(?!\/)\S*@/gi;
/** `password=` in a URL's query (ends at `&`) or a keyword/value string (a quoted or bare value). */
const PASSWORD_PARAMETER = /(\bpassword\s*=\s*)(?:'(?:[^'\\]|\\[\s\S])*(?:'|$)|[^\s&]*)/gi;

/** `text` with every password of every connection string in it replaced by `***`. */
export function redactPasswords(text: string): string {
  return text.replace(PASSWORD_PARAMETER, `$1${MASK}`).replace(USER_INFO, (whole: string, head: string) => {
    // `host:5432@` cannot occur, but `12:30@` in prose is not a credential either: a mask needs a password.
    return whole.length > head.length + 1 ? `${head}${MASK}@` : whole;
  });
}

/**
 * The passwords a connection string may carry, as written and as decoded, found leniently: a string
 * too malformed to parse still has its password masked in every message that repeats it.
 */
export function passwordsIn(connection: string | undefined): string[] {
  if (!connection) return [];
  const found = new Set<string>();
  const add = (value: string | undefined): void => {
    if (!value) return;
    found.add(value);
    try {
      found.add(decodeURIComponent(value));
    } catch {
      // Not percent-encoded: the raw value is enough.
    }
  };
  const userInfo = /^\s*(?:[a-z][a-z0-9+.-]*:\/*)?[^\s:/@]*:(.*)@/is.exec(connection);
  add(userInfo?.[1]);
  for (const match of connection.matchAll(/\bpassword\s*=\s*(?:'((?:[^'\\]|\\[\s\S])*)(?:'|$)|([^\s&]*))/gi)) {
    const quoted = match[1];
    if (quoted !== undefined) {
      add(quoted);
      add(quoted.replace(/\\([\s\S])/g, '$1'));
    } else {
      add(match[2]);
      add(match[2]?.replace(/\\([\s\S])/g, '$1').replace(/\+/g, ' '));
    }
  }
  return [...found];
}
