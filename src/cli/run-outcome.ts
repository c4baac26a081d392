/**
 * What a finished (or failed) run means to a pipeline: its status and exit code, the same for the exit
 * code itself, `--json` and `--summary`.
 */
import { isSchemaToMiroError } from '../errors.js';
import type { BoardIdentity, SchemaChanges } from '../board/index.js';
import { ExitCode, exitCodeFor } from '../exit-codes.js';
import type { RunOptions } from './run-options.js';
import type { RunResult } from './run.js';

export type RunStatus = 'unchanged' | 'changed' | 'in_sync' | 'out_of_sync' | 'planned' | 'written' | 'error';

export interface RunOutcome {
  status: RunStatus;
  exitCode: number;
  result: RunResult | null;
  /** The one-line message of a failure (already free of secrets). */
  error: string | null;
}

export function hasSchemaChanges(changes: SchemaChanges): boolean {
  return Object.values(changes).some((list) => list.length > 0);
}

/** What the outcome depends on besides the result: whether the run was a check, and whether a change sets the exit code. */
export type OutcomeOptions = { miro: { check: boolean } | null } & Pick<RunOptions, 'exitOnChange'>;

export function outcomeOf(result: RunResult, options: OutcomeOptions): RunOutcome {
  const sync = result.sync;
  if (sync === null) return { status: 'written', exitCode: ExitCode.ok, result, error: null };
  if (options.miro?.check) {
    return sync.inSync
      ? { status: 'in_sync', exitCode: ExitCode.ok, result, error: null }
      : { status: 'out_of_sync', exitCode: ExitCode.outOfSync, result, error: null };
  }
  if (sync.dryRun) return { status: 'planned', exitCode: ExitCode.ok, result, error: null };
  const changed = sync.created || hasSchemaChanges(sync.changes);
  if (!changed) return { status: 'unchanged', exitCode: ExitCode.ok, result, error: null };
  return { status: 'changed', exitCode: options.exitOnChange ? ExitCode.changed : ExitCode.ok, result, error: null };
}

export function failureOutcome(error: unknown, message: string): RunOutcome {
  return {
    status: 'error',
    exitCode: isSchemaToMiroError(error) ? exitCodeFor(error.kind) : ExitCode.internal,
    result: null,
    error: message,
  };
}

/** Declared and inferred relations, each as `schema.table(columns)` ends. */
function unenforcedJson(result: RunResult): { kind: 'declared' | 'inferred'; from: string; to: string }[] {
  const end = (e: { schema: string; name: string; columns: string[] }): string => `${e.schema}.${e.name}(${e.columns.join(', ')})`;
  return (result.unenforcedRelations ?? []).map((r) => ({ kind: r.kind, from: end(r.from), to: end(r.references) }));
}

/**
 * How the board's items of ours were recognised: by their signature, or by what they show (adopted, their
 * signature unreadable), and the elements several items claimed (one kept, the others left alone and named).
 */
function identityJson(identity: BoardIdentity): unknown {
  return {
    bySignature: identity.signed,
    byVisibleName: identity.adopted.length,
    adopted: identity.adopted,
    claimed: identity.claims.length,
    claims: identity.claims.map((c) => ({ key: c.key, kept: c.keptItemId, reported: c.otherItemIds })),
  };
}

/** The `--json` document: stable keys, for scripts. */
export function outcomeJson(outcome: RunOutcome): unknown {
  const sync = outcome.result?.sync ?? null;
  return {
    status: outcome.status,
    exitCode: outcome.exitCode,
    ...(outcome.error !== null ? { error: outcome.error } : {}),
    ...(outcome.result !== null
      ? {
          database: outcome.result.database,
          tables: outcome.result.tables,
          outputs: outcome.result.outputs,
          relations: unenforcedJson(outcome.result),
        }
      : {}),
    board:
      sync === null
        ? null
        : {
            id: sync.boardId,
            url: sync.boardUrl,
            name: sync.boardName,
            created: sync.created,
            inSync: sync.inSync,
            dryRun: sync.dryRun,
          },
    identity: sync === null ? null : identityJson(sync.identity),
    changes: sync?.changes ?? null,
    moved: sync?.moved ?? null,
    changeMark: outcome.result?.changeMark ?? null,
    // The board's "Schema history": created or updated with this run's entry; null when no entry was added.
    history: sync === null || sync.history === null ? null : { action: sync.history.action, entries: sync.history.entries, added: !sync.dryRun },
    writes: sync === null ? null : { creates: sync.counts.creates, updates: sync.counts.updates, deletes: sync.counts.deletes },
    api:
      sync === null
        ? null
        : {
            calls: sync.apiCalls,
            writeCalls: sync.writeCalls,
            credits: sync.credits,
            retries: sync.retries,
            rateLimitWaits: sync.rateLimitWaits,
            plannedWriteCalls: sync.planned.calls,
            elapsedMs: sync.elapsedMs,
          },
  };
}
