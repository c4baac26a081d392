import { SchemaToMiroError } from '../errors.js';
import { envValue, type Env } from './env.js';

/** Where Miro lives. Both are overridable so that tests (and proxies) can point the tool elsewhere. */
export interface MiroUrls {
  /** REST API and token endpoints, e.g. https://api.miro.com (`MIRO_API_URL`). No trailing slash. */
  apiBaseUrl: string;
  /** The page where a person approves the app, e.g. https://miro.com (`MIRO_AUTH_URL`). No trailing slash. */
  authBaseUrl: string;
}

export const DEFAULT_API_BASE_URL = 'https://api.miro.com';
export const DEFAULT_AUTH_BASE_URL = 'https://miro.com';

export function resolveMiroUrls(env: Env): MiroUrls {
  return {
    apiBaseUrl: normalizeBaseUrl(envValue(env, 'MIRO_API_URL') ?? DEFAULT_API_BASE_URL, 'MIRO_API_URL'),
    authBaseUrl: normalizeBaseUrl(envValue(env, 'MIRO_AUTH_URL') ?? DEFAULT_AUTH_BASE_URL, 'MIRO_AUTH_URL'),
  };
}

/** Checks that `value` is an http(s) URL and drops trailing slashes, so paths can be appended with `/`. */
export function normalizeBaseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SchemaToMiroError('usage', `${name} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SchemaToMiroError('usage', `${name} must be an http or https URL, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    // Never carry credentials in a base URL: they would end up in messages.
    throw new SchemaToMiroError('usage', `${name} must not contain a user name or password`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
