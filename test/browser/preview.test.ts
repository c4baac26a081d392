/**
 * The HTML preview in headless Chromium: every table drawn and on screen after the initial fit, no
 * console errors, no requests besides the file itself, names shown as text, and pan/zoom by wheel, keys
 * and drag. Screenshots go to test-artifacts/preview-*.png.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardScene } from '../../src/model/scene.js';
import { renderHtml, renderSvg } from '../../src/render/index.js';
import { buildScene } from '../../src/scene/index.js';
import { HOSTILE_NAMES, hostileDiagram, shopDiagram, twoSchemaDiagram } from '../render/fixtures.js';
import { ARTIFACTS_DIR, chromiumStatus, launchChromium, openPreview, viewTransform, type OpenedPreview } from './preview-page.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';
import { subjectAreas } from '../../src/graph/index.js';
import { layoutDiagram } from '../../src/layout/index.js';
import { randomDiagram } from '../layout/support/random-diagram.js';

/** The part of the browser's DOMParser this test calls. */
interface BrowserXmlParser {
  DOMParser: new () => {
    parseFromString(text: string, type: string): { querySelector(selector: string): { textContent: string | null } | null };
  };
}

const status = chromiumStatus();
if (!status.available && !status.required) {
  console.warn('skipping the browser preview test: /usr/bin/chromium is missing (install the Debian package "chromium")');
}

function sceneOf(fixture: ReturnType<typeof shopDiagram>): BoardScene {
  return buildScene(fixture.diagram, fixture.layout);
}

/** Checks shared by every page: clean console, no network, every table drawn once and visible after fit. */
async function expectCleanFullyDrawnPage(opened: OpenedPreview, scene: BoardScene): Promise<void> {
  const { page } = opened;
  expect(opened.consoleErrors).toEqual([]);
  expect(opened.failedRequests).toEqual([]);
  expect(opened.requests).toEqual([opened.url]);
  const drawn = await page.$$eval('[data-table-id]', (groups) =>
    groups.map((g) => {
      const r = g.getBoundingClientRect();
      return { id: g.getAttribute('data-table-id'), rows: g.querySelectorAll('.s2m-row').length, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
  expect(drawn.map((d) => d.id)).toEqual(scene.tables.map((t) => t.id));
  const canvas = (await page.locator('#s2m-canvas').boundingBox())!;
  for (const [index, table] of scene.tables.entries()) {
    const box = drawn[index]!;
    expect(box.rows).toBe(table.rows.length);
    expect(box.right - box.left).toBeGreaterThan(10);
    // The initial fit shows the whole diagram.
    expect(box.left).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(box.top).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(box.right).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    expect(box.bottom).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
  }
}

describe.skipIf(!status.available && !status.required)('HTML preview in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every table, stays offline and pans and zooms with wheel, keys and drag', async () => {
    const scene = sceneOf(shopDiagram());
    scene.tables.find((t) => t.id === 'public.customer_profiles')!.mark = 'added';
    const opened = await openPreview(browser, 'preview-shop', renderHtml(scene));
    const { page } = opened;
    await expectCleanFullyDrawnPage(opened, scene);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'preview-shop.png') });

    const fitted = await viewTransform(page);
    const canvas = (await page.locator('#s2m-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await viewTransform(page)).k).toBeGreaterThan(fitted.k);
    await page.mouse.wheel(0, 800);
    await expect.poll(async () => (await viewTransform(page)).k).toBeLessThan(fitted.k);

    await page.locator('#s2m-canvas').focus();
    await page.keyboard.press('0');
    expect(await viewTransform(page)).toEqual(fitted);
    await page.keyboard.press('+');
    expect((await viewTransform(page)).k).toBeGreaterThan(fitted.k);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect((await viewTransform(page)).k).toBeLessThan(fitted.k);
    await page.keyboard.press('0');
    await page.keyboard.press('ArrowRight');
    const panned = await viewTransform(page);
    expect(panned.x).toBeLessThan(fitted.x);
    expect(panned.k).toBe(fitted.k);
    await page.keyboard.press('ArrowDown');
    expect((await viewTransform(page)).y).toBeLessThan(fitted.y);

    await page.keyboard.press('0');
    await page.mouse.move(canvas.x + 200, canvas.y + 200);
    await page.mouse.down();
    await page.mouse.move(canvas.x + 260, canvas.y + 230, { steps: 4 });
    await page.mouse.up();
    const dragged = await viewTransform(page);
    expect(dragged.x - fitted.x).toBeCloseTo(60, 0);
    expect(dragged.y - fitted.y).toBeCloseTo(30, 0);

    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect((await viewTransform(page)).k).toBeGreaterThan(dragged.k);
    await page.getByRole('button', { name: 'Fit to screen' }).click();
    expect(await viewTransform(page)).toEqual(fitted);
    expect(opened.consoleErrors).toEqual([]);
    await page.close();
  });

  it('previews fixtures/shop.sql through every stage', async () => {
    const { scene } = await drawSchema(await readSchema({ kind: 'sql', paths: ['fixtures/shop.sql'] }));
    expect(scene.tables.length).toBeGreaterThan(5);
    const opened = await openPreview(browser, 'preview-shop-sql', renderHtml(scene));
    await expectCleanFullyDrawnPage(opened, scene);
    const connectors = await opened.page.$$eval('.s2m-connector', (els) => els.length);
    expect(connectors).toBe(scene.connectors.length);
    await opened.page.screenshot({ path: join(ARTIFACTS_DIR, 'preview-shop-sql.png') });
    await opened.page.close();
  });

  it('goes to the table a reference box stands for when the box is clicked', async () => {
    // 120 tables with hubs, given subject areas as the graph stage finds them.
    const base = randomDiagram({ tables: 120, relationsPerTable: 1.3, seed: 5, hubShare: 0.4 });
    const diagram = { ...base, ...subjectAreas(base.tables, base.relations) };
    expect(diagram.areas.length).toBeGreaterThan(2);
    const scene = buildScene(diagram, await layoutDiagram(diagram));
    const reference = scene.tables.find((t) => t.reference !== undefined)!;
    const opened = await openPreview(browser, 'preview-areas', renderHtml(scene));
    const { page } = opened;
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'preview-areas.png') });
    const target = `[data-table-id="${reference.reference!.table}"]`;
    const centreOf = async (selector: string) => {
      const b = (await page.locator(selector).boundingBox())!;
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    await page.locator(`[data-table-id="${reference.id}"] .s2m-header`).click();
    const canvas = (await page.locator('#s2m-canvas').boundingBox())!;
    await expect
      .poll(async () => {
        const c = await centreOf(target);
        return Math.abs(c.x - (canvas.x + canvas.width / 2)) + Math.abs(c.y - (canvas.y + canvas.height / 2));
      })
      .toBeLessThan(4);
    expect(opened.consoleErrors).toEqual([]);
    await page.close();
  });

  it('finds tables by name and highlights the relations of a hovered table', async () => {
    const scene = sceneOf(shopDiagram());
    const { page } = await openPreview(browser, 'preview-shop-search', renderHtml(scene));
    await page.keyboard.press('/');
    await page.keyboard.type('coupon');
    await page.keyboard.press('Enter');
    expect(await page.$$eval('.s2m-match', (els) => els.map((e) => e.getAttribute('data-table-id')))).toEqual(['public.coupons']);
    await page.keyboard.press('Escape');
    expect(await page.$$eval('.s2m-match', (els) => els.length)).toBe(0);

    await page.locator('[data-table-id="public.coupons"] .s2m-header').hover();
    const lit = await page.$$eval('.s2m-connector.s2m-hl', (els) => els.map((e) => e.getAttribute('data-relation-id')));
    expect(lit).toEqual(['public.orders.orders_coupon_id_fkey']);
    await page.close();
  });

  it('shows hostile names as text and frames each schema', async () => {
    const scene = sceneOf(hostileDiagram());
    const opened = await openPreview(browser, 'preview-hostile', renderHtml(scene));
    const { page } = opened;
    await expectCleanFullyDrawnPage(opened, scene);
    expect(await page.locator('script').count()).toBe(1);
    const names = await page.$$eval('.s2m-name', (els) => els.map((e) => e.lastChild?.textContent ?? ''));
    for (const name of [HOSTILE_NAMES.column, HOSTILE_NAMES.ampersand, HOSTILE_NAMES.quotes, HOSTILE_NAMES.cyrillic]) {
      expect(names).toContain(name);
    }
    expect(await page.locator('.s2m-header').first().textContent()).toBe(HOSTILE_NAMES.table);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'preview-hostile.png') });
    await page.close();

    const framed = sceneOf(twoSchemaDiagram());
    const two = await openPreview(browser, 'preview-two-schemas', renderHtml(framed));
    await expectCleanFullyDrawnPage(two, framed);
    expect(await two.page.$$eval('.s2m-frame', (els) => els.map((e) => e.getAttribute('data-schema')))).toEqual(['auth', 'billing']);
    await two.page.screenshot({ path: join(ARTIFACTS_DIR, 'preview-two-schemas.png') });
    await two.page.close();
  });

  it('renders a standalone SVG that the browser parses without errors', async () => {
    const page = await browser.newPage();
    for (const fixture of [shopDiagram(), hostileDiagram(), twoSchemaDiagram()]) {
      const svg = renderSvg(sceneOf(fixture));
      const problem = await page.evaluate((text) => {
        // Runs in the page; the tests compile without the DOM library, hence the narrow local type.
        const { DOMParser } = globalThis as unknown as BrowserXmlParser;
        const error = new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror');
        return error === null ? null : error.textContent;
      }, svg);
      expect(problem).toBeNull();
    }
    await page.close();
  });
});

describe.runIf(!status.available && status.required)('HTML preview in headless Chromium (CI)', () => {
  it('needs Chromium at /usr/bin/chromium', () => {
    expect.fail('Chromium is missing at /usr/bin/chromium: CI must install the Debian package "chromium" for the preview test');
  });
});
