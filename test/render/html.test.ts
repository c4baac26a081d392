import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderSvg } from '../../src/render/index.js';
import { buildScene } from '../../src/scene/index.js';
import { hostileDiagram, shopDiagram } from './fixtures.js';
import { wellFormedProblem } from './well-formed.js';

function shopScene() {
  const { diagram, layout } = shopDiagram();
  return buildScene(diagram, layout);
}

describe('renderHtml', () => {
  it('embeds the SVG inline in a well-formed page', () => {
    const scene = shopScene();
    const html = renderHtml(scene);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(renderSvg(scene).trimEnd());
    expect(wellFormedProblem(html, { html: true })).toBeNull();
    expect(html).toContain('<title>shop · ERD</title>');
    expect(renderHtml(scene, { pageTitle: 'Mine' })).toContain('<title>Mine</title>');
  });

  it('makes no external request: no URLs, no src or href, and a CSP that forbids fetching anything', () => {
    const html = renderHtml(shopScene());
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
    expect(html).not.toMatch(/\s(src|href|xlink:href)=/);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    expect(html).not.toMatch(/fetch\(|XMLHttpRequest|import\(/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    // The policy allows exactly the inline script that is on the page.
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  it('lets no name close the script element or inject markup', () => {
    const { diagram, layout } = hostileDiagram();
    const html = renderHtml(buildScene(diagram, layout));
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html).toContain('<title>db &quot;&lt;/script&gt;&quot; &amp; co · ERD</title>');
    expect(wellFormedProblem(html, { html: true })).toBeNull();
  });

  it('is byte-stable', () => {
    expect(renderHtml(shopScene())).toBe(renderHtml(shopScene()));
  });
});

describe('well-formedness check used by these tests', () => {
  it('catches the mistakes it exists for', () => {
    expect(wellFormedProblem('<svg><text>a < b</text></svg>')).toMatch(/stray </);
    expect(wellFormedProblem('<svg><text>a & b</text></svg>')).toMatch(/bare &/);
    expect(wellFormedProblem('<svg><g x="a"b"/></svg>')).not.toBeNull();
    expect(wellFormedProblem('<svg><g></svg>')).toMatch(/closes/);
    expect(wellFormedProblem('<svg><g/><text>&amp;&lt;</text></svg>')).toBeNull();
  });
});
