import { SchemaToMiroError } from '../errors.js';

/** How the login can receive Miro's redirect. */
export type RedirectTarget =
  /** An http URI on this machine: the login listens there (and also accepts a pasted address). */
  | { kind: 'loopback'; hosts: string[]; port: number; path: string; uri: string }
  /** Anything else (https, another host): the person pastes the address the browser was sent to. */
  | { kind: 'paste-only'; uri: string };

const LOOPBACK_HOSTS: Record<string, string[]> = {
  // Browsers resolve localhost to either family: listen on both so the redirect lands whichever they pick.
  localhost: ['127.0.0.1', '::1'],
  '127.0.0.1': ['127.0.0.1'],
  '[::1]': ['::1'],
};

export function redirectTarget(redirectUri: string): RedirectTarget {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new SchemaToMiroError('usage', `MIRO_REDIRECT_URI is not a URL: ${JSON.stringify(redirectUri)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SchemaToMiroError('usage', `MIRO_REDIRECT_URI must be an http or https URL, not ${url.protocol}`);
  }
  const hosts = LOOPBACK_HOSTS[url.hostname];
  if (url.protocol !== 'http:' || !hosts) return { kind: 'paste-only', uri: redirectUri };
  if (url.port === '0') throw new SchemaToMiroError('usage', 'MIRO_REDIRECT_URI needs a real port, not 0');
  return { kind: 'loopback', hosts, port: url.port ? Number(url.port) : 80, path: url.pathname, uri: redirectUri };
}
