/**
 * What the board app's panel and `serve` say to each other under /app/api/ (types only: the browser
 * bundle and the service both import them). Every request carries the Web SDK's id token as
 * `Authorization: Bearer …`; no Miro access token is ever part of an answer.
 */
import type { SchemaChanges } from '../../board/plan.js';

/** The panel's view of one board: `GET /app/api/board?boardId=…`. */
export interface PanelBoard {
  boardId: string;
  /** False: serve holds no Miro login of this person yet; `authorizeUrl` starts the one-step authorization. */
  authorized: boolean;
  authorizeUrl: string | null;
  /** The source this board is kept in sync with, by this person; null: not connected. */
  link: { source: string; boardName: string | null; boardUrl: string } | null;
  /** The sources this server declares, for "Connect this board". */
  sources: string[];
  lastRun: PanelRun | null;
}

/** A run as the panel shows it (`GET /app/api/runs/:id`). */
export interface PanelRun {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  attempts: number;
  queuedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** The CLI's `--json` outcome status (`created`, `updated`, `unchanged`, …) once succeeded. */
  outcome: string | null;
  /** Table and relation ids by kind of change, once succeeded. */
  changes: PanelChanges | null;
}

/** Table and relation ids by kind of change: the run document's `changes`, as the sync reports them. */
export type PanelChanges = SchemaChanges;

/** Our items on the board, to find a table and select it with its relations: `GET /app/api/board/items?boardId=…`. */
export interface PanelItems {
  tables: { id: string; itemId: string }[];
  /** The items drawing each relation: its connector, or a self-reference's legs and circle. */
  relations: { from: string; to: string; itemIds: string[] }[];
}

/** `POST /app/api/board/connect` `{ boardId, source }` and `POST /app/api/board/sync` `{ boardId }` answer 202 with this. */
export interface QueuedPanelRun {
  runId: string;
}

export interface PanelError {
  error: string;
}
