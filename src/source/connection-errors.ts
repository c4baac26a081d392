/**
 * Turns what `pg` and the network throw while connecting into one line a user can act on.
 * The password never appears: messages are built from the redacted description, and any text taken
 * from the error is scrubbed of the password as a last guard.
 */
import { SchemaToMiroError } from '../errors.js';
import { redactPasswords } from './connection-redaction.js';
import { isUnixSocket, type ConnectionSettings } from './connection-settings.js';

interface ErrorFields {
  code?: string;
  message: string;
}

function fieldsOf(error: unknown): ErrorFields {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: String(error) };
}

function scrub(text: string, password: string | undefined): string {
  const redacted = redactPasswords(text);
  return password ? redacted.split(password).join('***') : redacted;
}

function reason(error: ErrorFields, settings: ConnectionSettings): string {
  const where = isUnixSocket(settings)
    ? `the unix socket in ${settings.host}`
    : `${settings.host}:${settings.port}${settings.hostAddress === undefined || settings.hostAddress === settings.host ? '' : ` (address ${settings.hostAddress})`}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where} (is PostgreSQL running and listening there?)`;
    case 'ENOENT':
      return `no PostgreSQL socket ${settings.host}/.s.PGSQL.${settings.port} (is the server running?)`;
    case 'EACCES':
      return `permission denied on the socket in ${settings.host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host "${settings.host}" not found`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable (${error.code})`;
    case 'ECONNRESET':
      return `${where} closed the connection`;
    case '28P01':
      return settings.password === undefined
        ? `password authentication failed for user "${settings.user}": no password was given (put it in the URL, PGPASSWORD or ~/.pgpass)`
        : `password authentication failed for user "${settings.user}"`;
    case '3D000':
      return `database "${settings.database}" does not exist`;
    case '28000':
    case '42501':
    case '53300':
    case '57P03':
      return error.message;
  }
  if (/timeout/i.test(error.message)) {
    return `no answer from ${where} within ${settings.connectTimeoutSeconds} s`;
  }
  if (/client password must be a string|password.*not.*(given|provided)|SASL/i.test(error.message) && !settings.password) {
    return `the server wants a password for user "${settings.user}" and none was given (put it in the URL, PGPASSWORD or ~/.pgpass)`;
  }
  // pg's words when the reply to its SSL request is neither PostgreSQL's yes nor no: an HTTP, SSH... server.
  if (/error establishing an SSL connection/i.test(error.message)) {
    return `the other end did not answer as PostgreSQL (is ${where} a PostgreSQL server?)`;
  }
  if (/Connection terminated unexpectedly/i.test(error.message)) {
    return `${where} closed the connection before answering as PostgreSQL (is it a PostgreSQL server?)`;
  }
  if (/does not support SSL/i.test(error.message)) {
    return `the server does not accept SSL connections but sslmode=${settings.sslMode} requires SSL`;
  }
  if (/certificate|self.signed|SSL|TLS/i.test(error.message)) {
    return `SSL negotiation failed (sslmode=${settings.sslMode}): ${error.message}`;
  }
  return error.message;
}

export function connectionError(error: unknown, description: string, settings: ConnectionSettings): SchemaToMiroError {
  const fields = fieldsOf(error);
  const message = scrub(`cannot connect to ${description}: ${reason(fields, settings)}`, settings.password);
  return new SchemaToMiroError('database', message.replace(/\s*\n\s*/g, ' '));
}
