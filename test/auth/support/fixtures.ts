/** Shared pieces of the auth tests: a private config folder, a free port, a clock tests can move, a scripted browser. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserOpener } from '../../../src/auth/index.js';

export async function temporaryFolder(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'schema-to-miro-auth-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A port nobody listens on right now, for a redirect URI the login will bind. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A clock that only moves when told to. */
export function manualClock(start = Date.parse('2025-06-01T12:00:00Z')): { now: () => number; advance(ms: number): void } {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

export interface BrowserVisit {
  /** Status of Miro's authorize page (302 when it redirected). */
  authorizeStatus: number;
  /** Where Miro redirected to (after `tamper`). */
  redirectedTo: string | null;
  /** Status and page of the loopback listener, when the redirect was followed. */
  callbackStatus: number | null;
  callbackPage: string | null;
}

export interface ScriptedBrowserOptions {
  /** Changes the redirect before the browser follows it (e.g. another state). */
  tamper?: (redirect: URL) => void;
  /** Runs between Miro's redirect and following it (e.g. let the code expire). */
  beforeFollowing?: () => void;
  /** Instead of following the redirect, hand the address to someone who pastes it. */
  paste?: (address: string) => void;
}

/**
 * Stands in for a person's browser: returns at once like `xdg-open`, then in the background GETs
 * Miro's authorize page, reads its redirect, and follows it to the CLI's loopback listener (or pastes it).
 */
export function scriptedBrowser(options: ScriptedBrowserOptions = {}): { open: BrowserOpener; visit: () => Promise<BrowserVisit>; urls: string[] } {
  const urls: string[] = [];
  let visiting: Promise<BrowserVisit> | null = null;
  const open: BrowserOpener = async (url) => {
    urls.push(url);
    visiting = visit(url, options);
    visiting.catch(() => {});
    return true;
  };
  return {
    open,
    urls,
    visit: () => {
      if (!visiting) throw new Error('the browser was never opened');
      return visiting;
    },
  };
}

async function visit(url: string, options: ScriptedBrowserOptions): Promise<BrowserVisit> {
  const authorize = await fetch(url, { redirect: 'manual' });
  await authorize.body?.cancel();
  const location = authorize.headers.get('location');
  if (authorize.status !== 302 || !location) {
    return { authorizeStatus: authorize.status, redirectedTo: null, callbackStatus: null, callbackPage: null };
  }
  const redirect = new URL(location);
  options.tamper?.(redirect);
  options.beforeFollowing?.();
  if (options.paste) {
    options.paste(redirect.toString());
    return { authorizeStatus: authorize.status, redirectedTo: redirect.toString(), callbackStatus: null, callbackPage: null };
  }
  const callback = await fetch(redirect, { redirect: 'manual' });
  return {
    authorizeStatus: authorize.status,
    redirectedTo: redirect.toString(),
    callbackStatus: callback.status,
    callbackPage: await callback.text(),
  };
}
