/**
 * Keeps a Miro board showing a scene: reads the board, recognises the items schema-to-miro made before,
 * plans the difference (plan.ts, pure) and writes only that (execute.ts). A second run on an unchanged
 * schema writes nothing; a run that was interrupted is completed by the next one.
 */
import { SchemaToMiroError } from '../errors.js';
import { DEFAULT_CONCURRENCY, MAX_BOARD_DESCRIPTION, MAX_BOARD_NAME } from '../miro/limits.js';
import type { MiroOperationId } from '../miro/openapi/index.js';
import { isReferenceBoxId } from '../model/layout.js';
import { baseIdOf, isDiagramCopyId, type BoardScene } from '../model/scene.js';
import { acquireBoardLock, isLockItem, waitWhileLocked, type BoardLockOptions, type HeldBoardLock } from './board-lock.js';
import { readBoardState, type BoardState } from './board-state.js';
import { addWrite, expectedSeconds, planWrites, totalOf, type CallEstimate } from './costs.js';
import { editAccessProblem } from './edit-access.js';
import { historyEntry, historyObstacle, planHistory, takeHistory, writeHistory, type HistoryOnBoard, type HistoryWrite } from './history.js';
import { executePlan, WritesCancelled, type SyncProgress } from './execute.js';
import type { MiroClientStats, SyncClient } from './miro-port.js';
import { MARK_COLOR, markBorder, markOnBoard, markScene, withoutMarks } from './marks.js';
import { connectorStyle } from './items.js';
import { planSync, type PlanOptions, type SchemaChanges, type SyncPlan } from './plan.js';
import { planCounts, type SyncReport } from './report.js';
import { visibleNames } from './visible-identity.js';
import { stopBeforeRedrawing } from './safety-stop.js';


export interface SyncOptions {
  /** An existing board's id; absent: create a board. */
  boardId?: string;
  /** Name of the board to create; default: the diagram's title. */
  boardName?: string;
  /** Team to create the board in (`MIRO_TEAM_ID`); default: the token's team. */
  teamId?: string;
  /** Description of a new board (naming the source); default: the diagram's title and the tool. */
  boardDescription?: string;
  /** Who may open a new board by its link (Miro's `policy.sharingPolicy.access`); default `private`. */
  boardAccess?: BoardAccess;
  /** Delete tables and relations gone from the schema; default true. */
  prune?: boolean;
  /** Move every table to where the layout puts it, even ones a user moved. */
  relayout?: boolean;
  /** Read the board and plan, write nothing. */
  dryRun?: boolean;
  /** Like `dryRun`, for `--check`: the report's `inSync` says whether the board matches the scene. */
  check?: boolean;
  /**
   * The mark (`changed in 3_add_tags.sql`) put on tables this run adds or changes; the last run's marks
   * on tables this run leaves alone are cleared. Absent: nothing is marked (old marks are still cleared).
   */
  mark?: string;
  /** Take the board's lock (board-lock.ts) before reading it, so two runs never write it at once. */
  lock?: BoardLockOptions;
  onProgress?: (progress: SyncProgress) => void;
  /**
   * A cancel (Ctrl-C): no write starts after it, the ones in flight finish (a few seconds at most), the
   * lock is removed, and the run fails with kind `cancelled` saying what was left undone.
   */
  signal?: AbortSignal;
  /** Write calls in flight at once; default 8 (the client's own limit). The client paces them to the credit budget. */
  concurrency?: number;
  /** The time of this run's "Schema history" entry (history.ts); default now. */
  now?: () => Date;
}

/** Miro's public-level access to a board: nobody but those invited (`private`), or anyone with the link. */
export type BoardAccess = 'private' | 'view' | 'comment' | 'edit';
export const BOARD_ACCESS_LEVELS: readonly BoardAccess[] = ['private', 'view', 'comment', 'edit'];

/** A typical round trip to api.miro.com, for the dry run's time estimate. */
const ESTIMATED_LATENCY_MS = 150;

export async function syncBoard(scene: BoardScene, client: SyncClient, options: SyncOptions): Promise<SyncReport> {
  const started = performance.now();
  const before = snapshot(client.stats);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const dryRun = (options.dryRun ?? false) || (options.check ?? false);

  let boardId: string | null = null;
  let boardUrl: string | null = null;
  let boardName: string | null = null;
  let created = false;
  let state: BoardState | undefined;
  let history: HistoryOnBoard | null = null;
  let lock: HeldBoardLock | null = null;
  let readOnly = null as string | null;
  const names = visibleNames(scene);
  const readBoard = async (id: string): Promise<void> => {
    // The board's details and its content are read together: three round trips' latency become one.
    const [board, items, connectors] = await Promise.all([client.getBoard(id), client.listItems(id), client.listConnectors(id)]);
    boardId = board.id;
    boardUrl = board.viewLink ?? boardLink(board.id);
    boardName = board.name;
    readOnly = editAccessProblem(board);
    // Lock texts (ours and other runs') are not part of the diagram, nor obstacles to place around.
    const taken = takeHistory(items.filter((item) => !isLockItem(item)));
    history = taken.history;
    state = readBoardState(taken.rest, connectors, names);
    // The history is no table's place: new items keep clear of the room it grows into.
    if (history !== null) state.foreignBoxes.push(historyObstacle(history));
  };
  if (options.boardId !== undefined) {
    await readBoard(options.boardId);
  } else {
    boardName = defaultBoardName(scene, options.boardName);
    state = readBoardState([], []);
    if (!dryRun) {
      const board = await client.createBoard({
        name: boardName,
        description: boardDescription(scene, options.boardDescription),
        // A schema is internal information: a new board is private unless asked otherwise.
        // The other two are Miro's documented defaults, spelled out because the request type requires them.
        policy: { sharingPolicy: { access: options.boardAccess ?? 'private', organizationAccess: 'private', inviteToAccountAndBoardLinkAccess: 'no_access' } },
        ...(options.teamId ? { teamId: options.teamId } : {}),
      });
      boardId = board.id;
      boardUrl = board.viewLink ?? boardLink(board.id);
      created = true;
    }
  }

  const lockOptions = options.lock === undefined ? undefined : { ...options.lock, ...(options.signal ? { signal: options.signal } : {}) };
  if ((options.check ?? false) && options.boardId !== undefined && lockOptions !== undefined) {
    // A board another run is writing is half-drawn: wait for that run (as a writer would), then compare.
    if (await waitWhileLocked(client, options.boardId, lockOptions)) await readBoard(options.boardId);
  }
  const planOptions = { prune: options.prune ?? true, relayout: options.relayout ?? false };
  const entry = (changes: SchemaChanges) => historyEntry(withoutCopies(changes), options.mark, (options.now ?? (() => new Date()))());
  const planAll = (): MarkedPlan => withHistory(planWithMarks(scene, state!, planOptions, options.mark), scene, state!, planOptions, history, entry);
  let planned = planAll();
  if (boardId !== null) stopBeforeRedrawing(scene, state!, planned.plan, boardId);
  // Nothing is written, not even the lock, on a board the user may only view or comment on.
  if (!dryRun && readOnly !== null && planned.total.calls > 0) throw new SchemaToMiroError('miro', readOnly);
  try {
    if (!dryRun && options.boardId !== undefined && lockOptions !== undefined && planned.total.calls > 0) {
      // Only a run that writes takes the lock (a run with nothing to do writes nothing at all), then
      // reads the board again: a run that held the lock before may have changed it.
      lock = await acquireBoardLock(client, options.boardId, { at: lockPlace(scene), ...lockOptions });
      await readBoard(options.boardId);
      planned = planAll();
      stopBeforeRedrawing(scene, state!, planned.plan, options.boardId);
    }
    const { plan, total } = planned;
    if (!dryRun && boardId !== null && total.calls > 0) {
      if (options.signal?.aborted) throw new WritesCancelled(0, total.calls);
      await executePlan(client, boardId, plan, state!, total.calls, {
        concurrency,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // Last: the entry records a change that is on the board.
      if (planned.history !== null) {
        if (options.signal?.aborted) throw new WritesCancelled(total.calls - 1, total.calls);
        await writeHistory(client, boardId, planned.history);
        options.onProgress?.({ phase: 'history', done: total.calls, total: total.calls });
      }
    }
  } catch (error) {
    // The lock goes either way; a failure to remove it must not hide why the run failed (it expires).
    const released = lock === null ? null : await lock.release().then(() => true, () => false);
    lock = null;
    if (error instanceof WritesCancelled) throw cancelledError(error, boardId!, created, released);
    throw error;
  } finally {
    await lock?.release();
  }
  const { plan, schemaPlan, writes, total } = planned;

  const after = snapshot(client.stats);
  return {
    boardId,
    boardUrl,
    boardName,
    created,
    dryRun,
    inSync: schemaPlan.inSync,
    counts: planCounts(plan),
    marks: planned.marks,
    planned: {
      byOperation: Object.fromEntries([...writes].sort(([a], [b]) => (a < b ? -1 : 1))),
      calls: total.calls,
      credits: total.credits,
      expectedSeconds: expectedSeconds(total, { latencyMs: ESTIMATED_LATENCY_MS, concurrency }),
    },
    apiCalls: after.calls - before.calls,
    writeCalls: after.writeCalls - before.writeCalls,
    credits: after.credits - before.credits,
    retries: after.retries - before.retries,
    rateLimitWaits: after.rateLimitWaits - before.rateLimitWaits,
    elapsedMs: Math.round(performance.now() - started),
    // Named diagrams' copies change with their tables: the report speaks of the schema's tables once.
    changes: withoutCopies(schemaPlan.plan.changes),
    unchanged: schemaPlan.plan.unchanged,
    moved: schemaPlan.plan.moved,
    kept: plan.kept,
    foreign: plan.foreign,
    selfRelations: plan.selfRelations,
    identity: { signed: state!.identity.signed, adopted: state!.identity.adopted, claims: state!.identity.claims },
    history: planned.history === null ? null : { action: planned.history.action, entries: planned.history.entries.length },
  };
}

function withoutCopies(changes: SchemaChanges): SchemaChanges {
  // Reference boxes stand for tables drawn elsewhere: the schema's changes are the tables'.
  const keep = (ids: string[]): string[] => ids.filter((id) => !isDiagramCopyId(id) && !isReferenceBoxId(id));
  return {
    tablesAdded: keep(changes.tablesAdded),
    tablesRemoved: keep(changes.tablesRemoved),
    tablesChanged: keep(changes.tablesChanged),
    relationsAdded: keep(changes.relationsAdded),
    relationsRemoved: keep(changes.relationsRemoved),
    relationsChanged: keep(changes.relationsChanged),
    enumTypesChanged: changes.enumTypesChanged,
  };
}

interface MarkedPlan {
  /** What is written: the scene with this run's marks, against the board as it is. */
  plan: SyncPlan;
  writes: Map<MiroOperationId, CallEstimate>;
  total: CallEstimate;
  /** The schema's difference, marks aside: what the report and `--check` speak of. */
  schemaPlan: { plan: SyncPlan; inSync: boolean };
  marks: { set: number; cleared: number };
  /** The "Schema history" write (history.ts), counted in `writes` and `total`. */
  history: HistoryWrite | null;
}

/**
 * Plans twice: once against the board with its marks taken off, which says what changed in the schema;
 * then with the tables added or changed by this run marked (marks.ts), against the board as it is, which
 * also clears the marks of the last run on tables this run leaves alone.
 */
function planWithMarks(scene: BoardScene, state: BoardState, options: PlanOptions, mark: string | undefined): MarkedPlan {
  const schemaPlan = planSync(scene, withoutMarks(state), options);
  const schemaInSync = totalOf(planWrites(schemaPlan).values()).calls === 0;
  // The first drawing of a board marks nothing: every table would be "changed".
  const firstDrawing = state.tables.size === 0;
  const touched = [...schemaPlan.changes.tablesAdded, ...schemaPlan.changes.tablesChanged];
  // A copy in a named diagram is marked when its table changed, not because the diagram is new to the board.
  const changedTables = new Set(touched.filter((id) => !isDiagramCopyId(id) && !isReferenceBoxId(id)));
  const marked = new Set(mark === undefined || firstDrawing ? [] : touched.filter((id) => changedTables.has(baseIdOf(id))));
  const markedScene = markScene(scene, marked, mark ?? '');
  const plan = planSync(markedScene, state, options);
  const sceneTables = new Map(markedScene.tables.map((t) => [t.id, t]));
  let cleared = 0;
  for (const update of plan.tableUpdates) {
    const table = sceneTables.get(update.tableId)!;
    const before = markOnBoard(state.tables.get(update.tableId)?.content ?? '');
    if (before === table.mark) continue;
    update.request.style = { ...update.request.style, ...markBorder(table) };
    if (table.mark === null) cleared++;
  }

  const relationsTouched = [...schemaPlan.changes.relationsAdded, ...schemaPlan.changes.relationsChanged];
  const changedRelations = new Set(relationsTouched.filter((id) => !isDiagramCopyId(id)));
  const markedRelations = new Set(
    mark === undefined || firstDrawing ? [] : relationsTouched.filter((id) => changedRelations.has(baseIdOf(id))),
  );
  for (const create of [...plan.connectorCreates, ...plan.loopLegCreates]) {
    if (markedRelations.has(create.connector.id)) create.strokeColor = MARK_COLOR;
  }
  for (const update of plan.connectorUpdates) {
    if (markedRelations.has(update.relationId)) update.request.style = { ...update.request.style, strokeColor: MARK_COLOR };
  }
  // A relation drawn in the mark colour by the last run and left alone by this one gets its colour back.
  const sceneConnectors = new Map(markedScene.connectors.map((c) => [c.id, c]));
  for (const match of plan.connectorMatches) {
    if (match.strokeColor?.toLowerCase() !== MARK_COLOR || markedRelations.has(match.relationId)) continue;
    const connector = sceneConnectors.get(match.relationId)!;
    plan.connectorUpdates.push({
      connectorId: match.connectorId,
      relationId: match.relationId,
      request: { style: { strokeColor: connectorStyle(connector).strokeColor! } },
    });
    cleared++;
  }
  const writes = planWrites(plan);
  return {
    plan,
    writes,
    total: totalOf(writes.values()),
    schemaPlan: { plan: schemaPlan, inSync: schemaInSync },
    marks: { set: marked.size + markedRelations.size, cleared },
    history: null,
  };
}

/**
 * Adds the history's write: an entry when the schema on the board changed and the board needs writes for it
 * (its place, for a new history, left of the diagram as it will be once the plan ran).
 */
function withHistory(
  planned: MarkedPlan,
  scene: BoardScene,
  state: BoardState,
  options: PlanOptions,
  history: HistoryOnBoard | null,
  entryOf: (changes: SchemaChanges) => ReturnType<typeof historyEntry>,
): MarkedPlan {
  const { plan } = planned;
  const diagram = [
    ...[...state.tables.values(), ...state.frames.values(), ...state.loops.values(), ...state.enumLegends.values()].map((item) => item.box),
    ...(state.title === null ? [] : [state.title.box]),
    ...plan.frameCreates.map((c) => c.box),
    ...plan.tableCreates.map((c) => c.box),
    ...plan.loopCreates.map((c) => c.box),
    ...plan.enumLegendCreates.map((c) => c.box),
    ...(plan.titleCreate === null ? [] : [plan.titleCreate.box]),
    ...(options.relayout ? [...scene.frames, ...scene.tables, ...scene.enumLegends, scene.title].map((element) => element.box) : []),
  ];
  // A board the schema plan leaves alone gets no entry: under --no-prune a dropped table stays "removed" on every run.
  const entry = planned.schemaPlan.inSync ? null : entryOf(planned.schemaPlan.plan.changes);
  const write = planHistory(history, entry, { diagram, others: state.foreignBoxes });
  if (write === null) return planned;
  const writes = new Map(planned.writes);
  addWrite(writes, write.action === 'create' ? 'create-text-item' : 'update-text-item', 1);
  return { ...planned, writes, total: totalOf(writes.values()), history: write };
}

/** What a cancelled run left: the writes not done, the lock, and how to complete the board. */
function cancelledError(cancel: WritesCancelled, boardId: string, created: boolean, lockReleased: boolean | null): SchemaToMiroError {
  const lock =
    lockReleased === null ? '' : lockReleased ? '; the board lock is removed' : '; the board lock could not be removed (it expires in 15 minutes, or delete it by hand)';
  const rerun = created ? `run again with --board ${boardId} to complete the board` : 'running the same command again completes the board';
  return new SchemaToMiroError(
    'cancelled',
    `cancelled: ${cancel.total - cancel.done} of ${cancel.total} board writes left undone on board ${boardId}${lock}; ${rerun}`,
    { cause: cancel },
  );
}

/** Above the diagram's title, where people look first. */
function lockPlace(scene: BoardScene): { x: number; y: number } {
  return { x: Math.round(scene.title.box.x + 210), y: Math.round(scene.title.box.y - 80) };
}

function defaultBoardName(scene: BoardScene, requested: string | undefined): string {
  const name = (requested ?? scene.title.lines[0] ?? '').trim() || 'Database schema';
  if (requested !== undefined && [...name].length > MAX_BOARD_NAME) {
    throw new SchemaToMiroError('usage', `the board name is ${[...name].length} characters long; Miro allows at most ${MAX_BOARD_NAME}`);
  }
  return [...name].slice(0, MAX_BOARD_NAME).join('');
}

function boardDescription(scene: BoardScene, requested: string | undefined): string {
  const text = requested ?? `Entity-relationship diagram of ${scene.title.lines[0] ?? 'a database'}, kept current by schema-to-miro`;
  const chars = [...text];
  return chars.length <= MAX_BOARD_DESCRIPTION ? text : `${chars.slice(0, MAX_BOARD_DESCRIPTION - 1).join('')}…`;
}

export function boardLink(boardId: string): string {
  return `https://miro.com/app/board/${encodeURIComponent(boardId)}/`;
}

function snapshot(stats: MiroClientStats): MiroClientStats {
  return { calls: stats.calls, writeCalls: stats.writeCalls, credits: stats.credits, retries: stats.retries, rateLimitWaits: stats.rateLimitWaits };
}
