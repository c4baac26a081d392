import { SchemaToMiroError } from '../errors.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { systemClock, type Clock } from './env.js';
import { isSameState, newLoginState } from './login-state.js';
import { listenForRedirect, type BrowserPage, type LoopbackListener } from './loopback-listener.js';
import { exchangeAuthorizationCode, fetchTokenInfo } from './miro-oauth-api.js';
import type { MiroUrls } from './miro-urls.js';
import type { OAuthApp } from './oauth-app.js';
import type { BrowserOpener } from './open-browser.js';
import { readPastedRedirects } from './pasted-redirect.js';
import { redirectTarget } from './redirect-uri.js';
import { loginFromGrant } from './stored-login.js';
import type { StoredLogin, TokenStore } from './token-store.js';

export interface LoginOptions {
  app: OAuthApp;
  urls: MiroUrls;
  store: TokenStore;
  /** Preselects a team on Miro's consent page. */
  teamId?: string;
  /** Null: do not try to open a browser, only print the address. */
  openBrowser: BrowserOpener | null;
  /** Where the person can paste the address Miro redirected to; null when nobody can type. */
  pasteInput: NodeJS.ReadableStream | null;
  /** Progress and instructions for the person (the CLI writes them to stderr). */
  tell: (line: string) => void;
  timeoutMs: number;
  now?: Clock;
}

/** One redirect from Miro, from the loopback listener (with a tab to answer) or pasted (without). */
interface Redirect {
  params: URLSearchParams;
  reply: ((page: BrowserPage) => void) | null;
}

/**
 * The OAuth 2.0 authorization code flow for a person at a terminal: send them to Miro's consent page
 * with a fresh `state`, wait for the redirect (loopback listener or pasted address), refuse any state
 * but ours, exchange the code, and store the tokens. Nothing is stored unless every step succeeded.
 */
export async function login(options: LoginOptions): Promise<StoredLogin> {
  const { app, urls, tell } = options;
  const target = redirectTarget(app.redirectUri);
  const state = newLoginState();
  const authorizeUrl = buildAuthorizeUrl(urls.authBaseUrl, {
    clientId: app.clientId,
    redirectUri: app.redirectUri,
    state,
    ...(options.teamId ? { teamId: options.teamId } : {}),
  });

  let deliver: (redirect: Redirect) => void = () => {};
  const firstRedirect = new Promise<Redirect>((resolve) => {
    let delivered = false;
    deliver = (redirect) => {
      if (delivered) {
        redirect.reply?.({ status: 409, title: 'Already answered', message: 'This login has already received its answer; see the terminal.' });
        return;
      }
      delivered = true;
      resolve(redirect);
    };
  });

  let listener: LoopbackListener | null = null;
  let stopPasting = () => {};
  let timer: NodeJS.Timeout | undefined;
  try {
    if (target.kind === 'loopback') {
      listener = await listenForRedirect(target, ({ params, reply }) => deliver({ params, reply }));
    } else if (!options.pasteInput) {
      throw new SchemaToMiroError(
        'usage',
        `the redirect URI ${app.redirectUri} is not on this machine (http://localhost:PORT/…), and there is no terminal to paste the address into`,
      );
    }
    if (options.pasteInput) {
      stopPasting = readPastedRedirects(
        options.pasteInput,
        (params) => deliver({ params, reply: null }),
        () => tell("That is not the address Miro sent your browser to: paste the whole address from the browser's address bar."),
      );
    }

    const opened = options.openBrowser ? await options.openBrowser(authorizeUrl) : false;
    tell(opened ? 'Opened your browser to sign in to Miro. If it did not open, visit:' : 'To sign in to Miro, visit:');
    tell(`  ${authorizeUrl}`);
    if (options.pasteInput) {
      tell(
        target.kind === 'loopback'
          ? `If that browser runs on another machine, paste here the address it is sent to (${app.redirectUri}?code=…).`
          : `Then paste here the address your browser is sent to (${app.redirectUri}?code=…).`,
      );
    }

    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new SchemaToMiroError(
            'miro_auth',
            `login timed out after ${options.timeoutMs / 1000} s without a redirect to ${app.redirectUri}; run \`schema-to-miro login\` again`,
          ),
        );
      }, options.timeoutMs);
    });
    const redirect = await Promise.race([firstRedirect, timeout]);
    clearTimeout(timer);
    try {
      const stored = await completeLogin(options, state, redirect.params);
      redirect.reply?.({ status: 200, title: 'Signed in to Miro', message: 'schema-to-miro is authorized. You can close this tab.' });
      return stored;
    } catch (error) {
      redirect.reply?.({
        status: 400,
        title: 'Sign-in failed',
        message: error instanceof SchemaToMiroError ? error.message : 'schema-to-miro could not complete the sign-in; see the terminal.',
      });
      throw error;
    }
  } finally {
    clearTimeout(timer);
    stopPasting();
    await listener?.close();
  }
}

async function completeLogin(options: LoginOptions, state: string, params: URLSearchParams): Promise<StoredLogin> {
  if (!isSameState(state, params.get('state'))) {
    throw new SchemaToMiroError(
      'miro_auth',
      'login refused: the redirect did not carry the state this login sent (an old tab, or a forged request); nothing was stored',
    );
  }
  const error = params.get('error');
  if (error !== null) {
    const detail = oneLine(params.get('error_description'));
    throw new SchemaToMiroError(
      'miro_auth',
      error === 'access_denied'
        ? `Miro reported access_denied: the app was not authorized${detail ? ` (${detail})` : ''}; nothing was stored`
        : `Miro reported ${oneLine(error)}${detail ? `: ${detail}` : ''}; nothing was stored`,
    );
  }
  const code = params.get('code');
  if (!code) throw new SchemaToMiroError('miro_auth', 'the redirect from Miro carried no authorization code; nothing was stored');

  const now = options.now ?? systemClock;
  const grant = await exchangeAuthorizationCode(options.urls.apiBaseUrl, options.app, code);
  const info = await fetchTokenInfo(options.urls.apiBaseUrl, grant.accessToken, 'the new login');
  const stored = loginFromGrant(options.app, grant, info, now());
  await options.store.set(stored);
  return stored;
}

/** Text from a URL for a message: one line, bounded. */
function oneLine(text: string | null): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}
