/**
 * Opens an HTML preview in Debian's headless Chromium (never a downloaded browser) and records everything
 * a user would see go wrong: console errors, page errors and any request besides the page itself.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = resolve('test-artifacts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser test can run here; under CI a missing Chromium is a failure, locally a skip. */
export function chromiumStatus(): { available: boolean; required: boolean } {
  const ci = process.env.CI;
  return { available: existsSync(CHROMIUM_PATH), required: ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0' };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install the Debian package "chromium" (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface OpenedPreview {
  page: Page;
  url: string;
  consoleErrors: string[];
  /** Every request the page made, the page's own file included. */
  requests: string[];
  failedRequests: string[];
}

/** Writes `html` to test-artifacts/<name>.html and opens it from its file:// URL. */
export async function openPreview(browser: Browser, name: string, html: string): Promise<OpenedPreview> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10_000);
  const opened: OpenedPreview = { page, url, consoleErrors: [], requests: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') opened.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => opened.consoleErrors.push(error.message));
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('requestfailed', (request) => opened.failedRequests.push(request.url()));
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

/** The pan/zoom transform the page's script put on the diagram's viewport group. */
export async function viewTransform(page: Page): Promise<ViewTransform> {
  const transform = await page.getAttribute('.s2m-viewport', 'transform');
  const match = /^translate\((-?[\d.e+-]+) (-?[\d.e+-]+)\) scale\(([\d.e+-]+)\)$/.exec(transform ?? '');
  if (match === null) throw new Error(`viewport has no pan/zoom transform: ${String(transform)}`);
  return { x: Number(match[1]), y: Number(match[2]), k: Number(match[3]) };
}
