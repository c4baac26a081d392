/**
 * The board app's panel in headless Chromium (Debian's), loaded from a running `serve` process with a
 * test double of Miro's Web SDK injected before the page's scripts (support/miro-sdk-double.ts). A person
 * who authorized the app connects the board to a source, the emulator's board gets drawn, "Sync now"
 * shows its progress until done, the table search moves the viewport to the table and selects it with
 * its relations, "Show changes" selects the tables the last run marked. Screenshots of each state go to
 * test-artifacts/board-app-*.png. The page makes no request but to serve and Miro's SDK script, breaks
 * no CSP rule, and no Miro token reaches it.
 */
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIRO_SDK_URL } from '../../src/serve/app/pages.js';
import { markOnBoard } from '../../src/board/marks.js';
import { ARTIFACTS_DIR, chromiumStatus, launchChromium } from '../browser/preview-page.js';
import { duplicatesOf, viewBoard } from '../sync/harness.js';
import { registerBoardApp, sdkConsent } from './support/board-app.js';
import type { MiroPerson } from './support/browser.js';
import { installMiroDouble, recordedCalls, setBoardItems } from './support/miro-sdk-double.js';
import { startServeProcess, type ServeProcess } from './support/processes.js';
import { CLIENT_ID, CLIENT_SECRET, serveEnvironment, type ServeEnvironment } from './support/serve-harness.js';

const ADA: MiroPerson = { userId: '3458764500000000701', teamId: '3458764500000000801', name: 'Ada' };
const status = chromiumStatus();

describe.skipIf(!status.available && !status.required)('the board app panel in headless Chromium', () => {
  let environment: ServeEnvironment;
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    environment = await serveEnvironment('embedded', 'panel', {}, { live: true });
    registerBoardApp(environment);
    serve = await startServeProcess(environment, 'panel', environment.port);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (serve !== undefined && serve.child.exitCode === null) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    await environment?.close();
  });

  interface OpenedPanel {
    page: Page;
    problems: string[];
    requests: string[];
    apiBodies: string[];
  }

  async function openApp(path: string, boardId: string, person: MiroPerson = ADA): Promise<OpenedPanel> {
    // Miro's panel is about 368 px wide.
    const page = await browser.newPage({ viewport: { width: 368, height: 900 } });
    page.setDefaultTimeout(15_000);
    const opened: OpenedPanel = { page, problems: [], requests: [], apiBodies: [] };
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') opened.problems.push(message.text());
    });
    page.on('pageerror', (error) => opened.problems.push(error.message));
    page.on('request', (request) => opened.requests.push(request.url()));
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/app/api/')) void response.text().then((body) => opened.apiBodies.push(body), () => undefined);
    });
    // Miro's script is not fetched from the internet: the double stands in for what it defines.
    await page.route(MIRO_SDK_URL, (route) => route.fulfill({ contentType: 'text/javascript', body: '/* Miro Web SDK: the test double is installed */' }));
    await installMiroDouble(page, { boardId, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, userId: person.userId, teamId: person.teamId });
    await page.goto(`${serve.origin}${path}`, { waitUntil: 'load' });
    return opened;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, `board-app-${name}.png`), fullPage: true });

  /** The board's items as the SDK lists them, from the emulator. */
  const boardItems = (boardId: string) => {
    const board = environment.emulator.boards.require(boardId);
    return [...board.items().map((item) => ({ id: item.id, type: item.type })), ...board.connectors().map((c) => ({ id: c.id, type: 'connector' }))];
  };

  it('connects the board, syncs it, finds a table and shows the changes', async () => {
    const callback = await sdkConsent(environment, ADA);
    expect((await fetch(`${serve.origin}${callback.pathname}${callback.search}`, { redirect: 'manual' })).status).toBe(302);
    const board = environment.emulator.boards.create({ name: 'Panel board', teamId: ADA.teamId, ownerId: ADA.userId });

    const { page, problems, requests, apiBodies } = await openApp('/app/panel', board.id);
    const connect = page.locator('#connect');
    await connect.waitFor();
    expect(await page.locator('#source-select option').allTextContents()).toEqual(['live', 'rich', 'shop']);
    await shot(page, '1-connect');

    // Connect: the first sync draws the board.
    await page.selectOption('#source-select', 'live');
    await connect.click();
    await page.locator('#status', { hasText: 'Sync finished' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('#source').textContent()).toBe('Kept in sync with live.');
    const drawn = viewBoard(environment.emulator, board.id);
    const tableKeys = [...drawn.signed.keys()].filter((key) => key.startsWith('table:'));
    expect(tableKeys.length).toBeGreaterThan(3);
    expect(duplicatesOf(drawn)).toEqual([]);
    expect(await page.locator('#last-run').textContent()).toMatch(new RegExp(`^${tableKeys.length} tables added`));
    await shot(page, '2-synced');

    // The schema changes; Sync now shows progress until the run is done.
    const live = new pg.Client({ connectionString: environment.env['LIVE_DATABASE_URL']! });
    await live.connect();
    await live.query('CREATE TABLE public.panel_notes (id integer PRIMARY KEY, employee_id integer REFERENCES public.employees (id))');
    await live.end();
    await page.locator('#sync').click();
    await page.locator('#progress:not([hidden])').waitFor();
    expect(await page.locator('#sync').isDisabled()).toBe(true);
    await shot(page, '3-syncing');
    await page.locator('#status', { hasText: 'Sync finished' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#last-run').textContent()).toContain('1 table added');
    expect(await page.locator('#progress').isHidden()).toBe(true);
    await shot(page, '4-changes');
    const synced = viewBoard(environment.emulator, board.id);
    expect(synced.signed.has('table:public.panel_notes')).toBe(true);
    expect(duplicatesOf(synced)).toEqual([]);
    await setBoardItems(page, boardItems(board.id));

    // Search by keyboard alone: type, move down to the match, Enter.
    await page.locator('#search').focus();
    await page.keyboard.type('employ');
    await page.locator('#results button', { hasText: 'public.employees' }).waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('public.employees');
    await page.keyboard.press('Enter');
    await page.locator('#status', { hasText: 'is selected' }).waitFor();
    const employees = synced.signed.get('table:public.employees')![0]!;
    const zooms = await recordedCalls(page, 'board.viewport.zoomTo');
    expect(zooms.at(-1)!.args).toEqual([{ id: employees, type: 'shape' }]);
    const connectors = environment.emulator.boards.require(board.id).connectors();
    const attached = connectors.filter((c) => c.startItem.id === employees || c.endItem.id === employees);
    expect(attached.length).toBeGreaterThanOrEqual(2);
    // A self-reference (employees.manager_id) loops through a circle: its two legs and the circle are selected too.
    const tableItems = new Set([...synced.signed].filter(([key]) => key.startsWith('table:')).flatMap(([, ids]) => ids));
    const circles = [...new Set(attached.flatMap((c) => [c.startItem.id, c.endItem.id]).filter((id) => !tableItems.has(id)))];
    expect(circles).toHaveLength(1);
    const selects = await recordedCalls(page, 'board.select');
    expect((selects.at(-1)!.args[0] as { id: string[] }).id.sort()).toEqual([employees, ...attached.map((c) => c.id), ...circles].sort());
    await shot(page, '5-search');

    // Show changes selects exactly the tables the last run marked on the board.
    await page.locator('#show-changes').click();
    await page.locator('#status', { hasText: 'changed table' }).waitFor();
    const markedOnBoard = environment.emulator.boards
      .require(board.id)
      .items()
      .filter((item) => item.type === 'shape' && markOnBoard(String(item.data['content'] ?? '')) !== null)
      .map((item) => item.id);
    expect(markedOnBoard).toContain(synced.signed.get('table:public.panel_notes')![0]!);
    const shown = (await recordedCalls(page, 'board.select')).at(-1)!.args[0] as { id: string[] };
    expect(shown.id.sort()).toEqual(markedOnBoard.sort());
    await shot(page, '6-show-changes');

    // Nothing but serve and Miro's SDK script; no CSP violation; no Miro token in any answer.
    expect(requests.filter((url) => !url.startsWith(serve.origin) && url !== MIRO_SDK_URL)).toEqual([]);
    expect(problems).toEqual([]);
    expect(apiBodies.length).toBeGreaterThan(5);
    expect(apiBodies.filter((body) => /emu_(access|refresh)_/.test(body))).toEqual([]);
    await page.close();
  });

  it('asks a person serve holds no login of to authorize the app, through the SDK-authorization address', async () => {
    const newcomer: MiroPerson = { userId: '3458764500000000709', teamId: '3458764500000000809', name: 'New' };
    const { page, problems } = await openApp('/app/panel', 'uXjVNewBoard=', newcomer);
    const link = page.locator('a', { hasText: 'Authorize schema-to-miro' });
    await link.waitFor();
    const authorize = new URL((await link.getAttribute('href'))!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${environment.emulator.url}/oauth/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${serve.origin}/app/authorized`);
    expect(authorize.searchParams.get('team_id')).toBe(newcomer.teamId);
    expect(await page.locator('#connect').count()).toBe(0);
    await shot(page, '0-authorize');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the panel from the SDK URL when the app icon is clicked', async () => {
    const { page, problems } = await openApp('/app', 'uXjVIconBoard=');
    await expect.poll(async () => (await recordedCalls(page, 'board.ui.on')).map((c) => c.args[0])).toEqual(['icon:click']);
    await page.evaluate(() => (globalThis as unknown as { __miroDouble: { fire(event: string): void } }).__miroDouble.fire('icon:click'));
    await expect.poll(async () => (await recordedCalls(page, 'board.ui.openPanel')).map((c) => c.args[0])).toEqual([{ url: `${serve.origin}/app/panel` }]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
