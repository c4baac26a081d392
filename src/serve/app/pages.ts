/**
 * The board app's pages: `/app` (the app's SDK URL, loaded by Miro on the board: it opens the panel
 * when the app's icon is clicked) and `/app/panel` (the panel), with their bundled scripts and style.
 * The only script from elsewhere is Miro's Web SDK; the CSP allows nothing else, and only Miro may
 * frame the pages.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServeContext } from '../context.js';
import type { PanelAssets } from './assets.js';

/** Miro's Web SDK v2, as Miro's guides load it. */
export const MIRO_SDK_URL = 'https://miro.com/app/static/sdk/v2/miro.js';
const MIRO_ORIGIN = new URL(MIRO_SDK_URL).origin;

export interface AppPage {
  title: string;
  /** Trusted HTML (the caller escapes what it puts in). */
  body: string;
  scripts?: string[];
  styles?: string[];
}

export function registerAppPages(app: FastifyInstance, ctx: ServeContext, assets: PanelAssets): void {
  const miro = ctx.settings.urls.authBaseUrl;
  app.get('/app', async (_req, reply) =>
    appPage(reply, miro, { title: 'schema-to-miro', body: '<p>schema-to-miro runs in the board\'s app panel: click its icon in the toolbar.</p>', scripts: ['app.js'] }),
  );

  app.get('/app/panel', async (_req, reply) =>
    appPage(reply, miro, {
      title: 'schema-to-miro',
      body: '<main id="panel" aria-busy="true"><h1>schema-to-miro</h1><p id="status" role="status" aria-live="polite">Loading…</p></main>',
      scripts: ['panel.js'],
      styles: ['panel.css'],
    }),
  );

  app.get<{ Params: { file: string } }>('/app/assets/:file', async (req, reply) => {
    const asset = assets.get(req.params.file);
    if (asset === undefined) return reply.code(404).send({ error: 'no such file' });
    return reply.type(asset.contentType).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(asset.body);
  });
}

/**
 * An HTML page of the app under its CSP: Miro's SDK first, then our bundled modules. Framed only by Miro
 * (`authBaseUrl` too, when the service is pointed at another Miro, as the tests do).
 */
export function appPage(reply: FastifyReply, authBaseUrl: string, { title, body, scripts = [], styles = [] }: AppPage): FastifyReply {
  const authOrigin = new URL(authBaseUrl).origin;
  const frameAncestors = authOrigin === MIRO_ORIGIN ? `'self' ${MIRO_ORIGIN}` : `'self' ${MIRO_ORIGIN} ${authOrigin}`;
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${MIRO_ORIGIN}`,
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    ...styles.map((file) => `<link rel="stylesheet" href="/app/assets/${file}">`),
    scripts.length > 0 ? `<script src="${MIRO_SDK_URL}"></script>` : '',
    ...scripts.map((file) => `<script type="module" src="/app/assets/${file}"></script>`),
  ].join('');
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', csp)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(`<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
