/**
 * The self-contained HTML preview: the SVG inline, a small toolbar, and an inline script for pan, zoom and
 * search. A Content-Security-Policy forbids every request, so the page works offline from file:// and a
 * stray reference could never leak the schema.
 */
import { createHash } from 'node:crypto';
import type { BoardScene } from '../model/scene.js';
import { PREVIEW_SCRIPT } from './preview-script.js';
import { PREVIEW_STYLE } from './preview-style.js';
import { renderSvg } from './svg.js';
import { escapeXml as e } from './xml.js';

export interface HtmlOptions {
  /** The page's `<title>`; defaults to the scene's title line. */
  pageTitle?: string;
}

export function renderHtml(scene: BoardScene, options: HtmlOptions = {}): string {
  const heading = scene.title.lines[0] ?? 'Entity-relationship diagram';
  const summary = scene.title.lines[1] ?? '';
  const pageTitle = options.pageTitle ?? `${heading} · ERD`;
  const script = inlineScript(PREVIEW_SCRIPT);
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Our own constant and a base64 hash: no quote, ampersand or angle bracket, so written as is.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="schema-to-miro">',
    `<title>${e(pageTitle)}</title>`,
    `<style>${PREVIEW_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="s2m-toolbar">',
    `<div class="s2m-brand">${e(heading)}</div>`,
    `<div class="s2m-meta">${e(summary)}</div>`,
    '<div class="s2m-spacer"></div>',
    '<div class="s2m-help"><kbd>drag</kbd> pan · <kbd>wheel</kbd> <kbd>+</kbd> <kbd>&#8722;</kbd> zoom · <kbd>0</kbd> fit · <kbd>/</kbd> find</div>',
    '<input id="s2m-search" class="s2m-search" type="search" placeholder="Find a table  ( / )" aria-label="Find a table" autocomplete="off" spellcheck="false">',
    '<div class="s2m-zoom-group">',
    '<button class="s2m-btn" type="button" data-action="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#8722;</button>',
    '<span id="s2m-zoom" class="s2m-zoom">100%</span>',
    '<button class="s2m-btn" type="button" data-action="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>',
    '<button class="s2m-btn" type="button" data-action="fit" title="Fit to screen (0)" aria-label="Fit to screen">Fit</button>',
    '</div>',
    '</header>',
    '<main id="s2m-canvas" tabindex="0" aria-label="Diagram: drag to pan, wheel or +/- to zoom, 0 to fit, arrow keys to pan">',
    renderSvg(scene).trimEnd(),
    '</main>',
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Inline script text can never close its element early or open an HTML comment. */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
