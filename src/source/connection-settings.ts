/**
 * Where to connect, resolved the way libpq does it: a `postgres://` / `postgresql://` URL or a libpq
 * keyword/value string (`host=db user=app dbname=shop`), else
 * `DATABASE_URL`, else the standard `PG*` variables; whatever the URL leaves out comes from the connection
 * service (`service=` / `PGSERVICE`, read by connection-service.ts), then from `PG*`.
 * Pure (reads only the env and the service parameters it is given) so every rule is unit-tested without a server.
 */
import { isIP } from 'node:net';
import { SchemaToMiroError } from '../errors.js';
import { redactPasswords } from './connection-redaction.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface ConnectionSettings {
  /** Host name, IP address, or (starting with `/`) the directory of a unix socket. */
  host: string;
  /**
   * libpq's `hostaddr` (`PGHOSTADDR`): the IP address connected to, with `host` kept as the server's name
   * (TLS verification, the password file, messages). Undefined: connect to `host`.
   */
  hostAddress: string | undefined;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  sslMode: SslMode;
  /** File paths, as libpq's `sslrootcert`, `sslcert`, `sslkey`. */
  sslRootCert: string | undefined;
  sslCert: string | undefined;
  sslKey: string | undefined;
  connectTimeoutSeconds: number;
}

/** URL query parameters we honour (libpq names). Anything else is refused rather than silently ignored. */
const URL_PARAMETERS = new Set([
  'host', 'hostaddr', 'port', 'user', 'password', 'dbname', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'connect_timeout',
  'application_name', 'service',
]);

const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

function fail(message: string): never {
  throw new SchemaToMiroError('database', message);
}

function decode(part: string, what: string, shown: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return fail(`invalid database URL ${shown}: bad percent-encoding in the ${what}`);
  }
}

function parsePort(value: string, origin: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) fail(`invalid port "${value}" in ${origin}`);
  return port;
}

function parseSslMode(value: string, origin: string): SslMode {
  const mode = SSL_MODES.find((candidate) => candidate === value);
  if (!mode) fail(`invalid sslmode "${value}" in ${origin} (expected one of ${SSL_MODES.join(', ')})`);
  return mode;
}

function parseTimeout(value: string, origin: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value)) fail(`invalid connect_timeout "${value}" in ${origin}`);
  // libpq: 0 means wait forever; we cap it so a dead host never hangs the CLI.
  return seconds === 0 ? 3600 : Math.max(2, seconds);
}

export interface UrlParts {
  host?: string;
  hostAddress?: string;
  /** The connection service named (libpq's `service`), whose parameters fill what this string leaves out. */
  service?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  sslMode?: SslMode;
  sslRootCert?: string;
  sslCert?: string;
  sslKey?: string;
  connectTimeoutSeconds?: number;
}

/**
 * A connection string as libpq reads it: a URI (`postgresql://...`), or keyword/value pairs
 * (`host=db port=5432 dbname=shop`, values quoted `'...'` with `\'` and `\\` escapes). Both follow the
 * same rules (the same parameters, checked the same way); anything else is refused.
 */
export function parseConnectionString(text: string): UrlParts {
  return isKeywordValue(text) ? parseKeywordValue(text) : parseConnectionUrl(text);
}

/** libpq: a string that is not a URI and has `keyword=` pairs is the keyword/value form. */
function isKeywordValue(text: string): boolean {
  return /^\s*[A-Za-z_]+\s*=/.test(text);
}

/** Splits a libpq connection URI: `postgresql://[user[:password]@][host][:port][/dbname][?param=value&...]`. */
export function parseConnectionUrl(url: string): UrlParts {
  const shown = `"${redactPasswords(url)}"`;
  const origin = `the database URL ${shown}`;
  const match = /^(postgres(?:ql)?):\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/i.exec(url.trim());
  if (!match) {
    if (!/^postgres(ql)?:\/\//i.test(url.trim())) {
      fail(`invalid database URL ${shown}: it must start with postgresql:// or postgres://, or be libpq key=value pairs (host=... dbname=...)`);
    }
    fail(`invalid database URL ${shown}`);
  }
  const [, , authority = '', path = '', query = ''] = match;
  const parts: UrlParts = {};

  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at) : '';
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (userInfo) {
    const colon = userInfo.indexOf(':');
    const user = colon >= 0 ? userInfo.slice(0, colon) : userInfo;
    if (user) parts.user = decode(user, 'user name', shown);
    if (colon >= 0) parts.password = decode(userInfo.slice(colon + 1), 'password', shown);
  }
  if (hostPort.includes(',')) fail(`invalid database URL ${shown}: several hosts are not supported`);
  const hostMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!hostMatch) fail(`invalid database URL ${shown}: cannot read the host and port`);
  const [, rawHost = '', rawPort] = hostMatch;
  if (rawHost) parts.host = decode(rawHost.replace(/^\[(.*)\]$/, '$1'), 'host', shown);
  if (rawPort) parts.port = parsePort(rawPort, origin);
  const database = path.slice(1);
  if (database) parts.database = decode(database, 'database name', shown);

  for (const pair of query.slice(1).split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = decode(eq >= 0 ? pair.slice(0, eq) : pair, 'parameters', shown);
    const value = decode((eq >= 0 ? pair.slice(eq + 1) : '').replace(/\+/g, ' '), `parameter ${key}`, shown);
    applyParameter(parts, key, value, 'the database URL', origin);
  }
  return parts;
}

/** libpq's keyword/value form: `key=value` pairs apart by spaces; `key = 'quoted \' value'`. */
export function parseKeywordValue(text: string): UrlParts {
  const shown = `"${redactPasswords(text)}"`;
  const origin = `the connection string ${shown}`;
  const parts: UrlParts = {};
  let i = 0;
  const n = text.length;
  const skipSpaces = (): void => {
    while (i < n && /\s/.test(text[i]!)) i++;
  };
  for (skipSpaces(); i < n; skipSpaces()) {
    const keyStart = i;
    while (i < n && text[i] !== '=' && !/\s/.test(text[i]!)) i++;
    const key = text.slice(keyStart, i);
    skipSpaces();
    if (text[i] !== '=') fail(`invalid connection string ${shown}: missing "=" after "${redactPasswords(key)}"`);
    i++;
    skipSpaces();
    let value = '';
    if (text[i] === "'") {
      for (i++; ; i++) {
        if (i >= n) fail(`invalid connection string ${shown}: unterminated quoted value of ${key}`);
        const ch = text[i]!;
        if (ch === "'") break;
        if (ch === '\\' && i + 1 < n) i++;
        value += text[i];
      }
      i++;
    } else {
      for (; i < n && !/\s/.test(text[i]!); i++) {
        if (text[i] === '\\' && i + 1 < n) i++;
        value += text[i];
      }
    }
    applyParameter(parts, key, value, 'the connection string', origin);
  }
  return parts;
}

/** One libpq parameter, the same for both forms (and for a service file's lines). */
export function applyParameter(parts: UrlParts, key: string, value: string, where: string, origin: string): void {
  if (!URL_PARAMETERS.has(key)) {
    fail(`unsupported parameter "${redactPasswords(key)}" in ${where} (supported: ${[...URL_PARAMETERS].sort().join(', ')})`);
  }
  switch (key) {
    case 'host': parts.host = value; break;
    case 'hostaddr': parts.hostAddress = parseHostAddress(value, origin); break;
    case 'service': parts.service = value; break;
    case 'port': parts.port = parsePort(value, origin); break;
    case 'user': parts.user = value; break;
    case 'password': parts.password = value; break;
    case 'dbname': parts.database = value; break;
    case 'sslmode': parts.sslMode = parseSslMode(value, origin); break;
    case 'sslrootcert': parts.sslRootCert = value; break;
    case 'sslcert': parts.sslCert = value; break;
    case 'sslkey': parts.sslKey = value; break;
    case 'connect_timeout': parts.connectTimeoutSeconds = parseTimeout(value, origin); break;
    // application_name is always schema-to-miro, so servers can tell our sessions apart.
    case 'application_name': break;
  }
}

function parseHostAddress(value: string, origin: string): string {
  // libpq takes a numeric address only (no name lookup): that is what makes it hostaddr.
  if (isIP(value) === 0) fail(`invalid hostaddr "${value}" in ${origin}: it must be an IPv4 or IPv6 address`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The connection string this run reads: `url`, else `DATABASE_URL`; parsed, or `{}` without one. */
export function explicitConnection(url: string | undefined, env: NodeJS.ProcessEnv): UrlParts {
  const source = nonEmpty(url) ?? nonEmpty(env.DATABASE_URL);
  return source === undefined ? {} : parseConnectionString(source);
}

/** The connection service this run names: the string's `service=`, else `PGSERVICE`. */
export function serviceName(explicit: UrlParts, env: NodeJS.ProcessEnv): string | undefined {
  return nonEmpty(explicit.service) ?? nonEmpty(env.PGSERVICE);
}

/**
 * libpq's precedence: `url` (a URI or keyword/value string) wins, without it `DATABASE_URL`; then the
 * parameters of the connection service it or `PGSERVICE` names (`service`, read by connection-service.ts);
 * anything still missing comes from `PGHOST`, `PGHOSTADDR`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`,
 * `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT`, `PGSSLKEY`, `PGCONNECT_TIMEOUT`, then libpq's defaults
 * (localhost:5432, the OS user, a database named after the user, sslmode=prefer).
 */
export function resolveConnectionSettings(
  url: string | undefined,
  env: NodeJS.ProcessEnv,
  osUser: string,
  service: UrlParts = {},
): ConnectionSettings {
  const explicit = explicitConnection(url, env);
  // Explicit parameters over the service's, key by key (undefined ones do not count).
  const fromUrl: UrlParts = { ...service };
  for (const [key, value] of Object.entries(explicit) as [keyof UrlParts, never][]) if (value !== undefined) fromUrl[key] = value;
  const user = fromUrl.user ?? nonEmpty(env.PGUSER) ?? osUser;
  const envHostAddress = nonEmpty(env.PGHOSTADDR);
  const hostAddress = fromUrl.hostAddress ?? (envHostAddress === undefined ? undefined : parseHostAddress(envHostAddress, 'PGHOSTADDR'));
  const envPort = nonEmpty(env.PGPORT);
  const envSsl = nonEmpty(env.PGSSLMODE);
  const envTimeout = nonEmpty(env.PGCONNECT_TIMEOUT);
  return {
    // With only an address given, libpq names the server by it (for the password file too).
    host: fromUrl.host ?? nonEmpty(env.PGHOST) ?? hostAddress ?? 'localhost',
    hostAddress,
    port: fromUrl.port ?? (envPort === undefined ? 5432 : parsePort(envPort, 'PGPORT')),
    user,
    password: fromUrl.password ?? nonEmpty(env.PGPASSWORD),
    database: fromUrl.database ?? nonEmpty(env.PGDATABASE) ?? user,
    sslMode: fromUrl.sslMode ?? (envSsl === undefined ? 'prefer' : parseSslMode(envSsl, 'PGSSLMODE')),
    sslRootCert: fromUrl.sslRootCert ?? nonEmpty(env.PGSSLROOTCERT),
    sslCert: fromUrl.sslCert ?? nonEmpty(env.PGSSLCERT),
    sslKey: fromUrl.sslKey ?? nonEmpty(env.PGSSLKEY),
    connectTimeoutSeconds:
      fromUrl.connectTimeoutSeconds ??
      (envTimeout === undefined ? DEFAULT_CONNECT_TIMEOUT_SECONDS : parseTimeout(envTimeout, 'PGCONNECT_TIMEOUT')),
  };
}

export function isUnixSocket(settings: Pick<ConnectionSettings, 'host'> & { hostAddress?: string | undefined }): boolean {
  // An address given connects over TCP, whatever the host names.
  return settings.hostAddress === undefined && settings.host.startsWith('/');
}

/** A URL naming the server without the password, for logs and messages. */
export function describeConnection(settings: ConnectionSettings): string {
  const user = encodeURIComponent(settings.user);
  const database = encodeURIComponent(settings.database);
  if (isUnixSocket(settings)) {
    return `postgresql://${user}@/${database}?host=${settings.host}&port=${settings.port}`;
  }
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const address = settings.hostAddress === undefined || settings.hostAddress === settings.host ? '' : `?hostaddr=${settings.hostAddress}`;
  return `postgresql://${user}@${host}:${settings.port}/${database}${address}`;
}
