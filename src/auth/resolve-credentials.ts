import { SchemaToMiroError } from '../errors.js';
import { StaticTokenProvider, type CredentialProvider } from '../miro/credentials.js';
import { configDirectory } from './config-dir.js';
import { envValue, type Clock, type Env } from './env.js';
import { FileTokenStore } from './file-token-store.js';
import { mergeOAuthAppSettings, readOAuthAppSettings, type OAuthAppSettings } from './oauth-app.js';
import { StoredLoginProvider } from './stored-login-provider.js';
import type { TokenStore } from './token-store.js';

export interface ResolveCredentialsOptions {
  /** `--token`: wins over everything. */
  token?: string;
  env: Env;
  /** Default: the file store in the config folder. */
  store?: TokenStore;
  /** Where refreshes go (`MIRO_API_URL` or https://api.miro.com). */
  apiBaseUrl: string;
  /** Accepted for symmetry with `login`; refreshing never needs the consent page. */
  authBaseUrl?: string;
  /** The `miro` section of the config file; default: read from `<config folder>/config.json`. */
  appSettings?: OAuthAppSettings;
  now?: Clock;
}

export const NO_CREDENTIALS_MESSAGE = 'no Miro credentials: set MIRO_ACCESS_TOKEN or run `schema-to-miro login`';

/**
 * Credentials for every command that talks to Miro, in order: `--token`, `MIRO_ACCESS_TOKEN`, then the
 * stored login of MIRO_CLIENT_ID (or the only stored login). Null when there are none: the CLI then
 * prints NO_CREDENTIALS_MESSAGE.
 */
export async function resolveCredentials(options: ResolveCredentialsOptions): Promise<CredentialProvider | null> {
  const flagToken = options.token?.trim();
  if (flagToken) return new StaticTokenProvider(flagToken, '--token');
  const envToken = envValue(options.env, 'MIRO_ACCESS_TOKEN');
  if (envToken) return new StaticTokenProvider(envToken, 'MIRO_ACCESS_TOKEN');

  const store = options.store ?? FileTokenStore.inConfigDirectory(options.env);
  const settings = mergeOAuthAppSettings(options.env, options.appSettings ?? (await readOAuthAppSettings(configDirectory(options.env))));
  const clientId = await chooseStoredLogin(store, settings.clientId);
  if (!clientId) return null;
  return new StoredLoginProvider({
    store,
    clientId,
    apiBaseUrl: options.apiBaseUrl,
    ...(settings.clientSecret && settings.clientId === clientId ? { clientSecret: settings.clientSecret } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * Which stored login to use: the configured app's, else the only one. Several and none configured is
 * ambiguous, so the person is asked to choose rather than the tool guessing.
 */
export async function chooseStoredLogin(store: TokenStore, configuredClientId: string | undefined): Promise<string | null> {
  if (configuredClientId) return (await store.get(configuredClientId)) ? configuredClientId : null;
  const clientIds = await store.clientIds();
  if (clientIds.length <= 1) return clientIds[0] ?? null;
  throw new SchemaToMiroError(
    'usage',
    `${clientIds.length} Miro logins are stored (clients ${clientIds.join(', ')}): set MIRO_CLIENT_ID to choose one`,
  );
}
