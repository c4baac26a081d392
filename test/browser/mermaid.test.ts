/**
 * The Mermaid outputs rendered by Mermaid itself in Debian's headless Chromium (mermaid loaded from
 * node_modules into a blank page, no network): `erd.mmd` of every model, each neighbourhood diagram of
 * `schema.md`, and the hostile-names fixture. All are parsed; the whole-schema diagrams of up to 60 tables
 * and the 15 largest neighbourhoods of each model are drawn, each to an SVG with one named entity per table.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedSchema, erDiagramMermaid, schemaMarkdown } from '../../src/docs/index.js';
import { hostileDiagram } from '../render/fixtures.js';
import { loadModel, modelFiles, type DocumentModel } from '../docs/support/models.js';
import { chromiumStatus, launchChromium } from './preview-page.js';

const status = chromiumStatus();
if (!status.available && !status.required) console.warn('skipping the Mermaid test: /usr/bin/chromium is missing');

const MERMAID_SCRIPT = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');

interface RenderResult {
  error: string | null;
  entities: number;
}

/** The part of the page's global scope this test calls. */
interface MermaidWindow {
  mermaid: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
    parse(text: string): Promise<unknown>;
  };
}

/** Every text through Mermaid's parser; the first error, or null. */
async function parseAll(page: Page, texts: string[]): Promise<string | null> {
  return page.evaluate(async (all) => {
    const { mermaid } = globalThis as unknown as MermaidWindow;
    for (const text of all) {
      try {
        await mermaid.parse(text);
      } catch (error) {
        return `${error instanceof Error ? error.message : String(error)}\n${text.slice(0, 200)}`;
      }
    }
    return null;
  }, texts);
}

/** Rendering takes about 0.2 s a diagram: a large schema's are all parsed, and its largest rendered. */
const RENDERED_PER_MODEL = 15;
/** Whole-schema diagrams up to this many tables are drawn; larger ones are only parsed. */
const RENDERED_TABLES = 60;

async function renderAll(page: Page, texts: string[]): Promise<RenderResult[]> {
  return page.evaluate(async (all) => {
    const { mermaid } = globalThis as unknown as MermaidWindow;
    const results: RenderResult[] = [];
    for (const [index, text] of all.entries()) {
      try {
        const { svg } = await mermaid.render(`d${index}`, text);
        // Entity groups carry ids `<render id>-entity-<name>-<n>`; self-references add nodes without one.
        results.push({ error: null, entities: (svg.match(/<g [^>]*class="node[^"]*"[^>]*id="[^"]*-entity-|<g [^>]*id="[^"]*-entity-[^"]*"[^>]*class="node/g) ?? []).length });
      } catch (error) {
        results.push({ error: error instanceof Error ? error.message : String(error), entities: 0 });
      }
    }
    return results;
  }, texts);
}

function entityCount(text: string): number {
  return text.split('\n').filter((line) => /^ {2}\S/.test(line) && !/ : "/.test(line) && line.trim() !== '}').length;
}

describe.skipIf(!status.available && !status.required)('Mermaid outputs in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];
  const models: DocumentModel[] = [];

  beforeAll(async () => {
    for (const file of modelFiles()) models.push(await loadModel(file));
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: MERMAID_SCRIPT });
    await page.evaluate(() => (globalThis as unknown as MermaidWindow).mermaid.initialize({ startOnLoad: false, maxTextSize: 10_000_000, maxEdges: 100_000 }));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders erd.mmd of every model and of hostile names', { timeout: 240_000 }, async () => {
    const all = [...models.map((m) => erDiagramMermaid(m.diagram)), erDiagramMermaid(hostileDiagram().diagram)];
    expect(await parseAll(page, all)).toBeNull();
    // A whole-schema diagram of lago-api's size takes Mermaid 20 s to lay out here: parsed above, not drawn.
    const texts = all.filter((text) => entityCount(text) <= RENDERED_TABLES);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    const results = await renderAll(page, texts);
    results.forEach((result, index) => {
      expect(result.error, texts[index]!.slice(0, 300)).toBeNull();
      expect(result.entities).toBe(entityCount(texts[index]!));
    });
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
  });

  it('renders every neighbourhood diagram of schema.md', { timeout: 240_000 }, async () => {
    for (const model of models) {
      const markdown = schemaMarkdown(documentedSchema(model.schema, model.diagram), model.diagram);
      const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
      expect(blocks.length).toBeGreaterThan(0);
      expect(await parseAll(page, blocks), model.name).toBeNull();
      const rendered = [...blocks].sort((a, b) => b.length - a.length).slice(0, RENDERED_PER_MODEL);
      const results = await renderAll(page, rendered);
      const failed = results.map((r, i) => ({ ...r, text: rendered[i]! })).filter((r) => r.error !== null);
      expect(failed.map((f) => `${f.error}\n${f.text.slice(0, 200)}`), model.name).toEqual([]);
      results.forEach((result, index) => expect(result.entities, model.name).toBe(entityCount(rendered[index]!)));
    }
    expect(errors).toEqual([]);
  });
});
