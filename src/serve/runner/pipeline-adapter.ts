/**
 * The service's one door into the pipeline: reading a source, drawing it and syncing a board, creating a
 * board, and listing what a board holds of ours. Everything else in src/serve/ speaks only these
 * functions, so a change in how the stages are joined is mended here alone.
 */
import type { CredentialProvider } from '../../miro/credentials.js';
import { MiroClient } from '../../miro/client.js';
import { outcomeJson, outcomeOf, type OutcomeOptions } from '../../cli/run-outcome.js';
import type { RunResult } from '../../cli/run.js';
import { drawSchema, loadSchema, type DrawOptions } from '../../pipeline.js';
import { boardLink, editAccessProblem, isLockItem, readBoardState, readLockText, syncBoard } from '../../board/index.js';
import { configDefault } from '../../config/index.js';
import { SchemaToMiroError } from '../../errors.js';
import type { DiagramOptions } from '../diagram-options.js';
import type { ResolvedSource, ServeDrawing } from '../settings.js';

export interface MiroAccess {
  apiBaseUrl: string;
  credentials: CredentialProvider;
}

export interface BoardSyncRequest {
  source: ResolvedSource;
  diagram: DiagramOptions;
  /** What the config file says about drawing (the request's own options win). */
  drawing: ServeDrawing;
  boardId: string;
  miro: MiroAccess;
  /** Names this run in the board's lock text, the same on every attempt of one run. */
  lockRunId: string;
  /** An earlier attempt of this run died holding the board's lock: remove its lock text first. */
  clearOwnLock: boolean;
  /** How long to wait for another run's lock on the board (e.g. the CLI's, in CI). */
  lockWaitSeconds: number;
  /** The mark on changed tables, e.g. `changed in 3_add_tags.sql`. */
  mark: string;
  /** Aborted when the service stops: no write starts after it, the board's lock is removed (kind `cancelled`). */
  signal?: AbortSignal;
  env: NodeJS.ProcessEnv;
}

export interface BoardSyncResult {
  /** The same document as the CLI's `--json`. */
  json: Record<string, unknown>;
  status: string;
  miroCalls: number;
  miroCredits: number;
}

export async function syncSourceToBoard(request: BoardSyncRequest): Promise<BoardSyncResult> {
  const schemas = request.diagram.schemas ?? request.source.schemas;
  const views = request.diagram.views ?? request.source.views;
  const { drawing } = request;
  const relations = { declared: drawing.relations, infer: drawing.inferRelations };
  const { schema, database } = await loadSchema(request.source.spec, { schemas, views, relations }, request.env);
  const { scene } = await drawSchema(schema, drawOptionsOf(request.diagram, drawing, schemas, views));
  const client = clientFor(request.miro);
  try {
    if (request.clearOwnLock) await removeLockTexts(client, request.boardId, request.lockRunId);
    const report = await syncBoard(scene, client, {
      boardId: request.boardId,
      prune: request.diagram.prune ?? true,
      mark: request.mark,
      lock: { waitSeconds: request.lockWaitSeconds, runId: request.lockRunId },
      ...(request.signal !== undefined ? { signal: request.signal } : {}),
    });
    const result: RunResult = { database, tables: schema.tables.length, outputs: [], sync: report, changeMark: request.mark, unenforcedRelations: schema.relations ?? [] };
    const outcome = outcomeOf(result, SERVICE_OUTCOME);
    return { json: outcomeJson(outcome) as Record<string, unknown>, status: outcome.status, miroCalls: report.apiCalls, miroCredits: report.credits };
  } finally {
    client.close();
  }
}

export interface CreatedBoard {
  boardId: string;
  boardUrl: string;
  boardName: string;
}

/** A new board for `generate`, made before the sync is queued so that the answer can name it. */
export async function createBoard(miro: MiroAccess, name: string): Promise<CreatedBoard> {
  const client = clientFor(miro);
  try {
    const board = await client.createBoard({ name });
    return { boardId: board.id, boardUrl: board.viewLink ?? boardLink(board.id), boardName: board.name };
  } finally {
    client.close();
  }
}

/**
 * An existing board the person can open (Miro answers 404 or 403 otherwise, as a `SchemaToMiroError`) and
 * change: a board shared with them read-only is refused now, not by a failed run later.
 */
export async function openBoard(miro: MiroAccess, boardId: string): Promise<CreatedBoard> {
  const client = clientFor(miro);
  try {
    const board = await client.getBoard(boardId);
    const readOnly = editAccessProblem(board);
    if (readOnly !== null) throw new SchemaToMiroError('usage', readOnly);
    return { boardId: board.id, boardUrl: board.viewLink ?? boardLink(board.id), boardName: board.name };
  } finally {
    client.close();
  }
}

export interface BoardContents {
  tables: string[];
  relations: { from: string; to: string }[];
  frames: string[];
  title: boolean;
}

/** What the board holds of ours, recognised the way the sync recognises it. */
export async function readBoardContents(miro: MiroAccess, boardId: string): Promise<BoardContents> {
  const state = await readOurItems(miro, boardId);
  return {
    tables: [...state.tables.keys()].sort(),
    relations: state.connectors.map((c) => ({ from: c.fromTableId, to: c.toTableId })),
    frames: [...state.frames.keys()].sort(),
    title: state.title !== null,
  };
}

export interface BoardItemIds {
  tables: { id: string; itemId: string }[];
  /** Each relation with the board items that draw it: its connector, or a self-reference's two legs and circle. */
  relations: { from: string; to: string; itemIds: string[] }[];
}

/** Our tables and relations with their Miro item ids (for the board app, which selects them on the board). */
export async function readBoardItemIds(miro: MiroAccess, boardId: string): Promise<BoardItemIds> {
  const state = await readOurItems(miro, boardId);
  return {
    tables: [...state.tables].map(([id, item]) => ({ id, itemId: item.itemId })).sort((a, b) => a.id.localeCompare(b.id)),
    relations: [
      ...state.connectors.map((c) => ({ from: c.fromTableId, to: c.toTableId, itemIds: [c.connectorId] })),
      ...[...state.loops.values()].flatMap((loop) =>
        loop.tableId === null
          ? []
          : [{ from: loop.tableId, to: loop.tableId, itemIds: [...state.loopLegs.filter((leg) => leg.relationId === loop.relationId).map((leg) => leg.connectorId), loop.itemId] }],
      ),
    ],
  };
}

async function readOurItems(miro: MiroAccess, boardId: string): Promise<ReturnType<typeof readBoardState>> {
  const client = clientFor(miro);
  try {
    const [items, connectors] = await Promise.all([client.listItems(boardId), client.listConnectors(boardId)]);
    return readBoardState(items.filter((item) => !isLockItem(item)), connectors);
  } finally {
    client.close();
  }
}

/**
 * A request's diagram options as the pipeline reads them, over the config file's drawing settings (the
 * source's own `schemas` and `views` apply unless the request names its own). Messages name the options by
 * the request's keys (the stages' default).
 */
function drawOptionsOf(diagram: DiagramOptions, drawing: ServeDrawing, schemas: string[], views: boolean): DrawOptions {
  const maxColumns = diagram.maxColumns ?? drawing.maxColumns;
  return {
    graph: {
      schemas,
      views,
      include: diagram.include ?? drawing.include,
      exclude: diagram.exclude ?? drawing.exclude,
      ...(diagram.focus !== undefined ? { focus: diagram.focus, depth: diagram.depth ?? configDefault('depth') } : {}),
      columns: diagram.columns ?? drawing.columns,
      ...(maxColumns !== undefined ? { maxColumns } : {}),
      ...(drawing.areas.length > 0 ? { areas: drawing.areas } : {}),
    },
    layout: { direction: diagram.direction ?? drawing.direction, references: drawing.hubReferences },
    scene: { colors: drawing.colors },
    diagrams: drawing.diagrams,
  };
}

function clientFor(miro: MiroAccess): MiroClient {
  return new MiroClient({ baseUrl: miro.apiBaseUrl, credentials: miro.credentials });
}

async function removeLockTexts(client: MiroClient, boardId: string, runId: string): Promise<void> {
  for (const item of await client.listItems(boardId, { type: 'text' })) {
    if (readLockText(item)?.runId === runId) await client.deleteItem(boardId, item.id);
  }
}

/** A service sync is never a check, and a change is its purpose, not a failure. */
const SERVICE_OUTCOME: OutcomeOptions = { miro: { check: false }, exitOnChange: false };
