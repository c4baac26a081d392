/** Words for a run and its changes, as the panel shows them. Pure. */
import { plural } from '../../../util/plural.js';
import type { PanelChanges, PanelItems, PanelRun } from '../panel-contract.js';

const KINDS: [keyof PanelChanges, string, string][] = [
  ['tablesAdded', 'table', 'added'],
  ['tablesChanged', 'table', 'changed'],
  ['tablesRemoved', 'table', 'removed'],
  ['relationsAdded', 'relation', 'added'],
  ['relationsChanged', 'relation', 'changed'],
  ['relationsRemoved', 'relation', 'removed'],
];

/** "2 tables added, 1 relation changed", or "no changes". */
export function changeSummary(changes: PanelChanges): string {
  const parts = KINDS.filter(([key]) => changes[key].length > 0).map(([key, noun, verb]) => `${plural(changes[key].length, noun)} ${verb}`);
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

export function runSummary(run: PanelRun): string {
  switch (run.status) {
    case 'queued':
      return run.attempts > 0 ? `waiting to try again (attempt ${run.attempts} failed)` : 'queued';
    case 'running':
      return `syncing${run.attempts > 1 ? ` (attempt ${run.attempts})` : ''}`;
    case 'failed':
      return `failed: ${run.error ?? 'no reason given'}`;
    case 'succeeded':
      return run.changes !== null ? changeSummary(run.changes) : (run.outcome ?? 'done');
  }
}

export function isFinished(run: PanelRun): boolean {
  return run.status === 'succeeded' || run.status === 'failed';
}

/** Tables the run marked on the board (added or changed; removed ones are gone). */
export function markedTables(run: PanelRun | null): Set<string> {
  if (run?.changes == null) return new Set();
  return new Set([...run.changes.tablesAdded, ...run.changes.tablesChanged]);
}

/** Tables whose name holds the query (case-insensitive), names starting with it first, at most `limit`. */
export function searchTables(items: PanelItems, text: string, limit = 20): PanelItems['tables'] {
  const q = text.trim().toLowerCase();
  if (q === '') return [];
  const score = (id: string) => {
    const lower = id.toLowerCase();
    const bare = lower.slice(lower.indexOf('.') + 1);
    return bare.startsWith(q) || lower.startsWith(q) ? 0 : lower.includes(q) ? 1 : -1;
  };
  return items.tables
    .map((table) => ({ table, rank: score(table.id) }))
    .filter((t) => t.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.table.id.localeCompare(b.table.id))
    .slice(0, limit)
    .map((t) => t.table);
}

/** The ids to select for a table: its item and the items drawing its relations. */
export function selectionOf(items: PanelItems, tableId: string): string[] {
  const table = items.tables.find((t) => t.id === tableId);
  if (table === undefined) return [];
  return [table.itemId, ...items.relations.filter((r) => r.from === tableId || r.to === tableId).flatMap((r) => r.itemIds)];
}
