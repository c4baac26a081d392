import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { envValue, type Env } from './env.js';
import { isRecord } from './json-shape.js';

/**
 * The user's own Miro app. Miro documents no PKCE and matches redirect URIs exactly, so the tool cannot
 * ship a client of its own: the person signing in brings the app's id, secret and registered redirect URI.
 */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** Exactly as registered in the app's settings, e.g. http://localhost:8899/callback */
  redirectUri: string;
}

/** The `miro` section of `<config folder>/config.json`; every field optional, the environment wins. */
export interface OAuthAppSettings {
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
}

export const CONFIG_FILE_NAME = 'config.json';

/** Reads the `miro` section of the config file; an absent file is an empty section. */
export async function readOAuthAppSettings(configDir: string): Promise<OAuthAppSettings> {
  const path = join(configDir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SchemaToMiroError('usage', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SchemaToMiroError('usage', `${path} is not valid JSON`);
  }
  const section = isRecord(parsed) ? parsed['miro'] : undefined;
  if (section === undefined) return {};
  if (!isRecord(section)) throw new SchemaToMiroError('usage', `${path}: "miro" must be an object`);
  const settings: OAuthAppSettings = {};
  for (const key of ['clientId', 'clientSecret', 'redirectUri'] as const) {
    const value = section[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new SchemaToMiroError('usage', `${path}: "miro.${key}" must be a string`);
    if (value.trim()) settings[key] = value.trim();
  }
  return settings;
}

/** The app settings with `MIRO_CLIENT_ID`, `MIRO_CLIENT_SECRET` and `MIRO_REDIRECT_URI` taking precedence. */
export function mergeOAuthAppSettings(env: Env, fromFile: OAuthAppSettings): OAuthAppSettings {
  const merged: OAuthAppSettings = { ...fromFile };
  const clientId = envValue(env, 'MIRO_CLIENT_ID');
  const clientSecret = envValue(env, 'MIRO_CLIENT_SECRET');
  const redirectUri = envValue(env, 'MIRO_REDIRECT_URI');
  if (clientId) merged.clientId = clientId;
  if (clientSecret) merged.clientSecret = clientSecret;
  if (redirectUri) merged.redirectUri = redirectUri;
  return merged;
}

/** A complete app for `login`, or a usage error naming every missing setting. */
export function requireOAuthApp(settings: OAuthAppSettings, configDir: string): OAuthApp {
  const missing: string[] = [];
  if (!settings.clientId) missing.push('MIRO_CLIENT_ID');
  if (!settings.clientSecret) missing.push('MIRO_CLIENT_SECRET');
  if (!settings.redirectUri) missing.push('MIRO_REDIRECT_URI');
  if (missing.length > 0 || !settings.clientId || !settings.clientSecret || !settings.redirectUri) {
    throw new SchemaToMiroError(
      'usage',
      `login needs your Miro app: set ${missing.join(', ')} (or "miro": {"clientId", "clientSecret", "redirectUri"} in ${join(configDir, CONFIG_FILE_NAME)})`,
    );
  }
  return { clientId: settings.clientId, clientSecret: settings.clientSecret, redirectUri: settings.redirectUri };
}
