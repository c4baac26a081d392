/**
 * Errors a user can act on. Every stage throws these with a one-line message that names the cause;
 * the CLI prints the message alone (no stack) and exits with the code of its kind.
 * Anything else that escapes is a bug, reported as such.
 */

export type ErrorKind =
  /** Wrong flags or arguments, an unreadable config. */
  | 'usage'
  /** Connecting to or reading from the database: bad URL, refused, bad password, missing database or schema, no tables. */
  | 'database'
  /** An SQL file or migrations folder that does not load into the embedded PostgreSQL. */
  | 'sql'
  /** Miro said the credentials are missing, invalid, expired or lack a scope. */
  | 'miro_auth'
  /** Any other Miro failure: board not found, a rejected request, retries exhausted. */
  | 'miro'
  /** Writing an output file. */
  | 'output'
  /** The run was stopped by a signal (Ctrl-C, a CI cancel) and stopped cleanly. */
  | 'cancelled';

/**
 * Marks our errors whichever copy of this module made them: the command line runs from a bundle
 * (scripts/bundle-cli.ts) while `serve` runs the compiled modules, each with its own class.
 */
const BRAND = Symbol.for('schema-to-miro.error');

export class SchemaToMiroError extends Error {
  override readonly name = 'SchemaToMiroError';
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    // Not enumerable: it never shows in JSON or in a printed error.
    Object.defineProperty(this, BRAND, { value: true });
  }
}

export function isSchemaToMiroError(error: unknown): error is SchemaToMiroError {
  return error instanceof SchemaToMiroError || (error instanceof Error && (error as unknown as Record<symbol, unknown>)[BRAND] === true);
}
