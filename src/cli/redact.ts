/**
 * Last line of defence for secrets: every text the CLI lets out (stdout, stderr, `--json`, `--summary`,
 * debug traces) goes through a redactor that knows the secrets of this run (tokens, client secrets,
 * database passwords) and masks them, then masks the password of any connection string, whatever its shape
 * (`redactPasswords`), so a secret that slipped into an error from a library never reaches a CI log.
 */
import { passwordsIn, redactPasswords } from '../source/index.js';
import type { ProgressStream } from './progress.js';

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
    return redactPasswords(out);
  };
}

/** The secrets a run may know of: from the environment and from flags. */
export function secretsOf(env: NodeJS.ProcessEnv, flags: { token?: string; db?: string }): string[] {
  const found: string[] = [];
  for (const key of ['MIRO_ACCESS_TOKEN', 'MIRO_CLIENT_SECRET', 'PGPASSWORD']) {
    const value = env[key];
    if (value) found.push(value);
  }
  if (flags.token) found.push(flags.token);
  for (const connection of [flags.db, env.DATABASE_URL]) {
    for (const password of passwordsIn(connection)) found.push(password, encodeURIComponent(password));
  }
  return found;
}

/** A stream whose every write is redacted first (the redactor is read at each write: it learns the flags late). */
export function redactingStream<S extends ProgressStream>(stream: S, redactor: () => Redactor): ProgressStream {
  return {
    write: (chunk: string) => stream.write(redactor()(chunk)),
    ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
  };
}
