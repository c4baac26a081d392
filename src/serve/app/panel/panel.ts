/**
 * The board app's panel: which source this board is kept in sync with (or "Connect this board"), the
 * last run and its changes, "Sync now" with its progress, a table search that moves the viewport to the
 * table and selects it with its relations, and "Show changes" that selects the tables the last run
 * marked. It speaks to serve (./api.ts) and to the board through Miro's Web SDK (`miro.board`).
 */
import type { PanelBoard, PanelItems, PanelRun } from '../panel-contract.js';
import { api, ApiError } from './api.js';
import { plural } from '../../../util/plural.js';
import { byId, el } from './dom.js';
import { changeSummary, isFinished, markedTables, runSummary, searchTables, selectionOf } from './summary.js';

/** How often a running sync is looked at: well inside the service's per-person rate limit. */
const POLL_MS = 1500;

interface PanelState {
  boardId: string;
  board: PanelBoard | null;
  items: PanelItems | null;
  /** The run being followed, until it finishes. */
  tracking: PanelRun | null;
}

const state: PanelState = { boardId: '', board: null, items: null, tracking: null };
const root = byId<HTMLElement>('panel');

function say(text: string): void {
  byId<HTMLElement>('status').textContent = text;
}

function failed(error: unknown): void {
  say(error instanceof ApiError || error instanceof Error ? error.message : String(error));
}

async function start(): Promise<void> {
  state.boardId = (await miro.board.getInfo()).id;
  await reload();
}

async function reload(): Promise<void> {
  state.board = await api.board(state.boardId);
  state.items = null;
  render();
  const run = state.board.lastRun;
  if (run !== null && !isFinished(run)) void follow(run.id);
  else if (state.board.link !== null) await loadItems();
}

async function loadItems(): Promise<void> {
  try {
    state.items = await api.items(state.boardId);
  } catch (error) {
    failed(error);
    return;
  }
  renderTools();
}

function render(): void {
  const board = state.board!;
  root.replaceChildren(el('h1', {}, 'schema-to-miro'), el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }));
  root.setAttribute('aria-busy', 'false');
  if (!board.authorized) {
    root.append(
      el('p', {}, 'Authorize schema-to-miro once for this team: it keeps the board drawn from your database on the server, with your Miro login.'),
      el('p', {}, el('a', { href: board.authorizeUrl ?? '#', target: '_blank', rel: 'noopener', class: 'button primary' }, 'Authorize schema-to-miro')),
      el('p', {}, button('reload', 'I have authorized it', () => void reload().catch(failed))),
    );
    return;
  }
  root.append(sourceSection(board), runSection(board.lastRun), el('section', { id: 'tools', 'aria-label': 'Find on the board' }));
  renderTools();
}

function sourceSection(board: PanelBoard): HTMLElement {
  if (board.link !== null) {
    return el('section', { 'aria-labelledby': 'source-title' }, el('h2', { id: 'source-title' }, 'Source'), el('p', { id: 'source' }, 'Kept in sync with ', el('strong', {}, board.link.source), '.'));
  }
  if (board.sources.length === 0) {
    return el('section', { 'aria-labelledby': 'source-title' }, el('h2', { id: 'source-title' }, 'Source'), el('p', {}, 'This server declares no sources: ask its operator to add one to the "sources" of its config.'));
  }
  const select = el('select', { id: 'source-select', name: 'source' }, ...board.sources.map((name) => el('option', { value: name }, name)));
  const connect = button('connect', 'Connect this board', () => {
    connect.disabled = true;
    void api
      .connect(state.boardId, select.value)
      .then((queued) => follow(queued.runId))
      .catch((error: unknown) => {
        connect.disabled = false;
        failed(error);
      });
  });
  return el(
    'section',
    { 'aria-labelledby': 'source-title' },
    el('h2', { id: 'source-title' }, 'Source'),
    el('p', {}, 'This board is not kept in sync with a database yet.'),
    el('div', { class: 'row' }, el('label', { for: 'source-select' }, 'Source'), select),
    el('div', { class: 'row' }, connect),
  );
}

function runSection(run: PanelRun | null): HTMLElement {
  const section = el('section', { 'aria-labelledby': 'run-title', id: 'run' }, el('h2', { id: 'run-title' }, 'Last run'));
  if (run === null) {
    section.append(el('p', { id: 'last-run' }, 'None yet.'));
    return section;
  }
  const when = run.finishedAt ?? run.startedAt ?? run.queuedAt;
  section.append(el('p', { id: 'last-run' }, runSummary(run), when !== null ? el('span', { class: 'when' }, ` · ${new Date(when).toLocaleString()}`) : null));
  if (run.changes !== null && changeSummary(run.changes) !== 'no changes') {
    const lines = [
      ['Tables added', run.changes.tablesAdded],
      ['Tables changed', run.changes.tablesChanged],
      ['Tables removed', run.changes.tablesRemoved],
    ] as const;
    section.append(
      el('ul', { class: 'changes' }, ...lines.filter(([, list]) => list.length > 0).map(([label, list]) => el('li', {}, el('span', { class: 'label' }, `${label}: `), list.join(', ')))),
    );
  }
  return section;
}

/** Sync now, Show changes and the table search: for a connected board. */
function renderTools(): void {
  const tools = document.getElementById('tools');
  const board = state.board;
  if (tools === null || board === null || board.link === null) return;
  const busy = state.tracking !== null;
  const sync = button('sync', 'Sync now', () => {
    sync.disabled = true;
    void api
      .sync(state.boardId)
      .then((queued) => follow(queued.runId))
      .catch((error: unknown) => {
        sync.disabled = false;
        failed(error);
      });
  });
  sync.disabled = busy;
  sync.classList.add('primary');
  const marked = markedTables(board.lastRun);
  const show = button('show-changes', 'Show changes', () => void showChanges().catch(failed));
  show.disabled = busy || marked.size === 0 || state.items === null;
  if (marked.size === 0) show.title = 'The last run marked no tables';
  const progress = el('div', { id: 'progress', hidden: !busy }, el('progress', { 'aria-label': 'Sync progress' }), el('span', { id: 'progress-text' }));
  const search = el('input', { id: 'search', type: 'search', autocomplete: 'off', placeholder: 'Table name', 'aria-controls': 'results', disabled: state.items === null });
  const results = el('ul', { id: 'results', 'aria-label': 'Matching tables' });
  search.addEventListener('input', () => showResults(results, search.value));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      results.querySelector<HTMLButtonElement>('button')?.click();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.querySelector<HTMLButtonElement>('button')?.focus();
    }
  });
  results.addEventListener('keydown', (event) => moveFocus(event, results, search));
  tools.replaceChildren(
    el('div', { class: 'row actions' }, sync, show),
    progress,
    el('h2', {}, el('label', { for: 'search' }, 'Find a table')),
    search,
    results,
  );
  if (search.value !== '') showResults(results, search.value);
}

function showResults(results: HTMLElement, text: string): void {
  const items = state.items;
  if (items === null) return;
  const matches = searchTables(items, text);
  results.replaceChildren(...matches.map((table) => el('li', {}, button(`table-${table.id}`, table.id, () => void focusTable(table.id).catch(failed)))));
  if (text.trim() !== '' && matches.length === 0) results.append(el('li', { class: 'none' }, 'No table of that name on this board.'));
}

/** Up and down move among the results; Escape goes back to the search field. */
function moveFocus(event: KeyboardEvent, results: HTMLElement, search: HTMLInputElement): void {
  const buttons = [...results.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (event.key === 'ArrowDown' && at < buttons.length - 1) buttons[at + 1]!.focus();
  else if (event.key === 'ArrowUp') (at > 0 ? buttons[at - 1]! : search).focus();
  else if (event.key === 'Escape') search.focus();
  else return;
  event.preventDefault();
}

async function focusTable(tableId: string): Promise<void> {
  const items = state.items!;
  const ids = selectionOf(items, tableId);
  const [item] = await miro.board.get({ id: ids[0]! });
  if (item === undefined) {
    say(`${tableId} is not on the board any more: Sync now draws it again.`);
    return;
  }
  await miro.board.viewport.zoomTo(item);
  await miro.board.deselect();
  await miro.board.select({ id: ids });
  const relations = items.relations.filter((r) => r.from === tableId || r.to === tableId).length;
  say(`${tableId}, with ${plural(relations, 'relation')}, is selected.`);
}

async function showChanges(): Promise<void> {
  const marked = markedTables(state.board!.lastRun);
  const ids = state.items!.tables.filter((t) => marked.has(t.id)).map((t) => t.itemId);
  if (ids.length === 0) {
    say('The tables the last run marked are not on the board any more.');
    return;
  }
  const found = await miro.board.get({ id: ids });
  if (found.length > 0) await miro.board.viewport.zoomTo(found);
  await miro.board.deselect();
  await miro.board.select({ id: ids });
  say(`${plural(ids.length, 'changed table')} selected.`);
}

/** Follows a run until it is done, showing where it is; then reads the board again. */
async function follow(runId: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    let run: PanelRun;
    try {
      run = await api.run(runId);
    } catch (error) {
      state.tracking = null;
      renderTools();
      failed(error);
      return;
    }
    const first = state.tracking === null;
    state.tracking = run;
    if (first) {
      if (state.board !== null && state.board.link === null) {
        // Connected just now: show the board as connected while its first sync runs.
        state.board = await api.board(state.boardId);
        render();
      } else {
        renderTools();
      }
    }
    if (first) say('Sync started.');
    if (isFinished(run)) break;
    // The progress line changes every second; the live status only says that the sync started and how it ended.
    const seconds = Math.round((Date.now() - started) / 1000);
    byId<HTMLElement>('progress-text').textContent = `${run.status === 'queued' ? 'Waiting for a worker' : 'Syncing the board'}… ${seconds} s`;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const done = state.tracking!;
  state.tracking = null;
  await reload();
  say(done.status === 'succeeded' ? `Sync finished: ${runSummary(done)}.` : `Sync ${runSummary(done)}.`);
}

function button(id: string, label: string, onClick: () => void): HTMLButtonElement {
  const element = el('button', { id, type: 'button' }, label);
  element.addEventListener('click', onClick);
  return element;
}

start().catch(failed);
