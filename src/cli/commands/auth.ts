/**
 * `login`, `logout` and `whoami`: the terminal side of the auth stage. The work happens in src/auth/;
 * this file reads the flags, picks the defaults (file store, system browser, stdin for pasting) and
 * prints the outcome. Nothing here ever prints a token, code or secret.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { BrowserOpener, Clock, CredentialsDescription, Env, TokenStore } from '../../auth/index.js';
import { DEFAULT_LOGIN_TIMEOUT_MS } from '../../auth/login-timeout.js';
import { SchemaToMiroError } from '../../errors.js';

/** The auth stage (an HTTP listener, a browser opener, the OAuth calls), loaded by the command that runs, not by --help. */
const authStage = () => import('../../auth/index.js');

/** What the auth commands need from the outside; the CLI's `{ stdout, stderr, env }` is enough, the rest defaults. */
export interface AuthCommandIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Env;
  /** Where a pasted redirect address is read. Default: process.stdin when it is a terminal; null: no pasting. */
  stdin?: NodeJS.ReadableStream | null;
  /** Default: the platform's opener (xdg-open, open, Windows' URL handler). */
  openBrowser?: BrowserOpener;
  /** Default: `credentials.json` in the config folder. */
  store?: TokenStore;
  now?: Clock;
}

/** Scopes schema-to-miro needs; the app's settings in Miro decide what a login grants. */
const REQUIRED_SCOPES = ['boards:read', 'boards:write'];

export function registerAuthCommands(program: Command, io: AuthCommandIo): void {
  const line = (stream: { write(chunk: string): unknown }) => (text: string) => void stream.write(`${text}\n`);
  const out = line(io.stdout);
  const err = line(io.stderr);
  const storeOf = async (): Promise<TokenStore> => io.store ?? (await authStage()).FileTokenStore.inConfigDirectory(io.env);
  const appSettings = async () => {
    const { configDirectory, mergeOAuthAppSettings, readOAuthAppSettings } = await authStage();
    return mergeOAuthAppSettings(io.env, await readOAuthAppSettings(configDirectory(io.env)));
  };

  program
    .command('login')
    .description('sign in to Miro in the browser (OAuth 2.0) and store the tokens for later runs')
    .option('--no-browser', 'do not open a browser: print the address to visit, and accept the pasted redirect')
    .option('--team <id>', 'preselect this Miro team on the consent page')
    .addOption(
      new Option('--timeout <seconds>', 'give up waiting for the redirect after this long')
        .argParser(positiveSeconds)
        .default(DEFAULT_LOGIN_TIMEOUT_MS / 1000),
    )
    .action(async (flags: { browser: boolean; team?: string; timeout: number }) => {
      const { configDirectory, login, openSystemBrowser, requireOAuthApp, resolveMiroUrls } = await authStage();
      const urls = resolveMiroUrls(io.env);
      const app = requireOAuthApp(await appSettings(), configDirectory(io.env));
      const store = await storeOf();
      const stored = await login({
        app,
        urls,
        store,
        ...(flags.team ? { teamId: flags.team } : {}),
        openBrowser: flags.browser ? (io.openBrowser ?? openSystemBrowser) : null,
        pasteInput: pasteInputOf(io),
        tell: err,
        timeoutMs: flags.timeout * 1000,
        ...(io.now ? { now: io.now } : {}),
      });
      out(`Logged in to Miro as ${party(stored.user)} in team ${party(stored.team)}.`);
      warnAboutScopes(stored.scopes, err);
      out(`Credentials stored in ${store.location}.`);
    });

  program
    .command('logout')
    .description('revoke the stored Miro login and forget it')
    .action(async () => {
      const { chooseStoredLogin, logout, resolveMiroUrls } = await authStage();
      const store = await storeOf();
      const settings = await appSettings();
      const clientId = await chooseStoredLogin(store, settings.clientId);
      if (!clientId) {
        out('Not logged in to Miro: nothing to forget.');
        return;
      }
      const result = await logout({
        store,
        clientId,
        apiBaseUrl: resolveMiroUrls(io.env).apiBaseUrl,
        ...(settings.clientSecret && settings.clientId === clientId ? { clientSecret: settings.clientSecret } : {}),
        ...(io.now ? { now: io.now } : {}),
      });
      switch (result.outcome) {
        case 'not-logged-in':
          out('Not logged in to Miro: nothing to forget.');
          return;
        case 'revoked':
          out(`Logged out: Miro revoked the tokens of client ${clientId}, and ${store.location} no longer holds them.`);
          return;
        case 'forgotten-only':
          err(`warning: ${result.reason}; the token stays valid until it expires (remove the app in Miro's settings to end it now)`);
          out(`Logged out locally: ${store.location} no longer holds the tokens of client ${clientId}.`);
          return;
      }
    });

  program
    .command('whoami')
    .description('show the Miro user, team and scopes of the credentials in use, and where they come from')
    .option('--json', 'print it as JSON on stdout (the token itself never)')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const { describeCredentials, NO_CREDENTIALS_MESSAGE, resolveCredentials, resolveMiroUrls } = await authStage();
      const globals = command.optsWithGlobals<{ token?: string }>();
      const { apiBaseUrl } = resolveMiroUrls(io.env);
      const store = await storeOf();
      const provider = await resolveCredentials({
        ...(globals.token !== undefined ? { token: globals.token } : {}),
        env: io.env,
        store,
        apiBaseUrl,
        ...(io.now ? { now: io.now } : {}),
      });
      if (!provider) throw new SchemaToMiroError('miro_auth', NO_CREDENTIALS_MESSAGE);
      const description = await describeCredentials(provider, apiBaseUrl);
      if (flags.json) out(JSON.stringify(describeAsJson(description, store.location), null, 2));
      else for (const text of formatDescription(description, store.location, (io.now ?? Date.now)())) out(text);
      warnAboutScopes(description.info.scopes, err);
    });
}

/** Lines of `whoami`, aligned; the token itself never appears. */
export function formatDescription(description: CredentialsDescription, storeLocation: string, now: number): string[] {
  const { info } = description;
  const from = description.origin.startsWith('stored login') ? `${description.origin} in ${storeLocation}` : description.origin;
  const rows: [string, string][] = [
    ['User', party(info.user)],
    ['Team', party(info.team)],
    ...(info.organization ? ([['Organization', party(info.organization)]] as [string, string][]) : []),
    ['Scopes', info.scopes.length > 0 ? info.scopes.join(' ') : '(none)'],
    ['Expires', expiry(description, now)],
    ['From', from],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width + 1)}${value}`);
}

/** `whoami --json`: the same facts with stable keys, for scripts; the token itself never appears. */
export function describeAsJson(description: CredentialsDescription, storeLocation: string): unknown {
  const { info } = description;
  return {
    user: info.user,
    team: info.team,
    organization: info.organization,
    scopes: info.scopes,
    missingScopes: REQUIRED_SCOPES.filter((scope) => !info.scopes.includes(scope)),
    // null: never expires, or (expiryKnown false) a static token whose expiry Miro does not report.
    expiresAt: description.expiresAt ?? null,
    expiryKnown: description.expiresAt !== undefined,
    refreshable: description.refreshable,
    origin: description.origin,
    ...(description.origin.startsWith('stored login') ? { store: storeLocation } : {}),
  };
}

function expiry(description: CredentialsDescription, now: number): string {
  if (description.expiresAt === undefined) return 'not reported by Miro (a static token)';
  if (description.expiresAt === null) return 'never';
  const minutes = Math.round((Date.parse(description.expiresAt) - now) / 60_000);
  const when = minutes >= 0 ? `in ${duration(minutes)}` : `${duration(-minutes)} ago`;
  return `${description.expiresAt} (${when}${description.refreshable ? ', refreshed automatically' : ''})`;
}

function duration(minutes: number): string {
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

function party(who: { id: string; name: string | null }): string {
  return who.name ? `${who.name} (${who.id})` : who.id;
}

function warnAboutScopes(scopes: string[], err: (text: string) => void): void {
  const missing = REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope));
  if (missing.length > 0) {
    err(`warning: these credentials lack ${missing.join(' and ')}; enable them in the Miro app's settings, then log in again`);
  }
}

/** Pasting needs a person at a terminal; a pipe or /dev/null on stdin is not one. */
function pasteInputOf(io: AuthCommandIo): NodeJS.ReadableStream | null {
  if (io.stdin !== undefined) return io.stdin;
  return process.stdin.isTTY ? process.stdin : null;
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError('expected a positive number of seconds.');
  }
  return seconds;
}
