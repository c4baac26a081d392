/** A run as the API shows it: its state, and once finished the same document as the CLI's `--json`. */
import type { Selectable } from 'kysely';
import type { RunsTable } from '../store/tables.js';

export function runView(run: Selectable<RunsTable> & { board_id: string; source: string }) {
  const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: run.id,
    boardId: run.board_id,
    source: run.source,
    trigger: run.trigger,
    status: run.status,
    attempts: run.attempts,
    worker: run.worker,
    queuedAt: iso(run.queued_at),
    startedAt: iso(run.started_at),
    finishedAt: iso(run.finished_at),
    error: run.error,
    result: run.result,
  };
}
