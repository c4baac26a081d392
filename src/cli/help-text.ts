/**
 * What `--help` adds after the flags: examples, exit codes and environment variables, as README.md has
 * them, so a user at a terminal needs no browser. The exit codes come from their one declaration.
 */
import { ExitCode } from '../exit-codes.js';

const EXAMPLES = [
  ['schema-to-miro --sql fixtures/shop.sql --out erd.html', 'a local preview of SQL files, no server, no Miro account'],
  ['schema-to-miro --db "$DATABASE_URL" --board "$MIRO_BOARD"', 'keep a board current (CI, after migrations)'],
  ['schema-to-miro --sql migrations/ --out docs/schema.md --out erd.mmd', 'Markdown docs and a Mermaid diagram'],
  ['schema-to-miro --sql migrations/ --board "$MIRO_BOARD" --check', `a pull-request check: exit ${ExitCode.outOfSync} when the board is stale`],
  ['schema-to-miro login', 'sign in to Miro once (or set MIRO_ACCESS_TOKEN)'],
] as const;

const EXIT_CODES: [number, string][] = [
  [ExitCode.ok, 'success'],
  [ExitCode.internal, 'internal error (a bug: please report it)'],
  [ExitCode.usage, 'usage: wrong flags, arguments or config file'],
  [ExitCode.database, 'database: bad URL, refused, bad password, no tables'],
  [ExitCode.sql, 'an SQL file or migration did not load'],
  [ExitCode.miroAuth, 'Miro authorization: missing, invalid or expired token'],
  [ExitCode.miro, 'other Miro error, or the board locked beyond --lock-wait'],
  [ExitCode.output, 'an output file or the --summary could not be written'],
  [ExitCode.changed, 'with --exit-code: the run changed the board'],
  [ExitCode.outOfSync, 'with --check: the board is not in sync'],
];

const ENVIRONMENT: [string, string][] = [
  ['DATABASE_URL, PG*', 'the database when --db is not given'],
  ['PGSERVICE, PGSERVICEFILE', 'a libpq connection service (pg_service.conf)'],
  ['MIRO_ACCESS_TOKEN', 'Miro access token (else the stored login)'],
  ['MIRO_BOARD', 'the board when --board is not given'],
  ['MIRO_TEAM_ID', 'the team of a new board'],
  ['SCHEMA_TO_MIRO_CONFIG', 'the config file when --config is not given'],
  ['HTTPS_PROXY, NO_PROXY', 'proxy for every Miro call'],
  ['MIRO_CLIENT_ID, MIRO_CLIENT_SECRET', 'the OAuth app of `login` (and MIRO_REDIRECT_URI)'],
  ['SCHEMA_TO_MIRO_CACHE_DIR', 'cache of the embedded PostgreSQL ("off" to turn it off)'],
  ['SCHEMA_TO_MIRO_DEBUG=1', 'stack traces of internal errors'],
];

export function mainHelpFooter(): string {
  const width = Math.max(...ENVIRONMENT.map(([name]) => name.length));
  const lines = ['', 'Examples:'];
  for (const [command, what] of EXAMPLES) lines.push(`  ${command}`, `      ${what}`);
  lines.push('', 'Exit codes:');
  for (const [code, what] of EXIT_CODES) lines.push(`  ${String(code).padStart(2)}  ${what}`);
  lines.push('', 'Environment:');
  for (const [name, what] of ENVIRONMENT) lines.push(`  ${name.padEnd(width)}  ${what}`);
  lines.push('', 'Run "schema-to-miro help <command>" for login, logout and whoami.');
  return `${lines.join('\n')}\n`;
}
