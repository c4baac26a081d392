/**
 * What a sync did (or, for `--dry-run`, would do), as data for callers and as text for the terminal.
 */
import type { BoardIdentity } from './board-state.js';
import { plural } from '../util/plural.js';
import type { CallEstimate } from './costs.js';
import { changeGroups, type SchemaChanges, type SyncPlan } from './plan.js';

export interface KindCounts {
  tables: number;
  relations: number;
  frames: number;
  titles: number;
  /** Enum legends, one per frame that shows enum types. */
  legends: number;
  /** Copies left by an interrupted run (deletes only). */
  duplicates: number;
}

export interface PlanCounts {
  creates: KindCounts;
  updates: KindCounts;
  deletes: KindCounts;
}

export interface SyncReport {
  /** The board synced; null only for a dry run that would create one. */
  boardId: string | null;
  boardUrl: string | null;
  /** Name of the board created (or that a dry run would create). */
  boardName: string | null;
  /** True when this run created the board. */
  created: boolean;
  dryRun: boolean;
  /** True when the board already shows the scene: the plan had no writes (what `--check` asks). */
  inSync: boolean;
  counts: PlanCounts;
  /** Tables and relations marked as changed by this run, and marks of an earlier run cleared. */
  marks: { set: number; cleared: number };
  /** The plan's write calls: per operation, in total, and the expected time at the credit budget. */
  planned: { byOperation: Record<string, CallEstimate>; calls: number; credits: number; expectedSeconds: number };
  /** Actually spent by this run (reads included), from the client's counters. */
  apiCalls: number;
  writeCalls: number;
  credits: number;
  retries: number;
  rateLimitWaits: number;
  elapsedMs: number;
  changes: SchemaChanges;
  unchanged: SyncPlan['unchanged'];
  /** Tables and relations only redrawn elsewhere (`--relayout`, rows shifted): no change of the schema. */
  moved: SyncPlan['moved'];
  kept: SyncPlan['kept'];
  foreign: SyncPlan['foreign'];
  /** Self-references, drawn as a loop through a small circle beside the table (Miro joins two different items only). */
  selfRelations: number;
  /** How the board's items of ours were recognised: by signature, by what they show (adopted), and contested elements. */
  identity: BoardIdentity;
  /** The board's "Schema history" (history.ts): created or updated with this run's entry, and the entries it holds; null when the schema did not change. */
  history: { action: 'create' | 'update'; entries: number } | null;
}

export function planCounts(plan: SyncPlan): PlanCounts {
  const zero = (): KindCounts => ({ tables: 0, relations: 0, frames: 0, titles: 0, legends: 0, duplicates: 0 });
  const counts: PlanCounts = { creates: zero(), updates: zero(), deletes: zero() };
  counts.creates.tables = plan.tableCreates.length;
  counts.creates.relations = plan.connectorCreates.length + plan.loopCreates.length;
  counts.creates.frames = plan.frameCreates.length;
  counts.creates.titles = plan.titleCreate === null ? 0 : 1;
  counts.creates.legends = plan.enumLegendCreates.length;
  counts.updates.legends = plan.enumLegendUpdates.length;
  counts.updates.tables = plan.tableUpdates.length;
  counts.updates.relations = plan.connectorUpdates.length + plan.loopUpdates.length;
  counts.updates.frames = plan.frameUpdates.length;
  counts.updates.titles = plan.titleUpdate === null ? 0 : 1;
  for (const d of plan.itemDeletes) {
    if (d.kind === 'table') counts.deletes.tables++;
    else if (d.kind === 'loop') counts.deletes.relations++;
    else if (d.kind === 'legend') counts.deletes.legends++;
    else counts.deletes.duplicates++;
  }
  for (const d of plan.connectorDeletes) {
    if (d.label === 'duplicate') counts.deletes.duplicates++;
    else counts.deletes.relations++;
  }
  counts.deletes.frames = plan.frameDeletes.length;
  return counts;
}

/** The `--dry-run` text: what would be created, updated and deleted, and what it would cost. */
export function formatPlan(report: SyncReport): string {
  const lines: string[] = [];
  lines.push(
    report.boardId === null
      ? `Plan for a new board${report.boardName === null ? '' : ` "${report.boardName}"`}`
      : `Plan for board ${report.boardUrl ?? report.boardId}`,
  );
  lines.push(`  create: ${kindList(report.counts.creates)}`);
  lines.push(`  update: ${kindList(report.counts.updates)}`);
  lines.push(`  delete: ${kindList(report.counts.deletes)}`);
  lines.push(
    `  API calls: ${plural(report.planned.calls, 'write')}, ${formatNumber(report.planned.credits)} credits, expected time ${formatSeconds(report.planned.expectedSeconds)}` +
      (report.apiCalls > 0 ? ` (${report.apiCalls} reads already made to plan)` : ''),
  );
  for (const [operation, estimate] of Object.entries(report.planned.byOperation)) {
    lines.push(`    ${operation}: ${plural(estimate.calls, 'call')}, ${formatNumber(estimate.credits)} credits`);
  }
  lines.push(...changeLines(report));
  if (report.history !== null) lines.push(`  ${historyNote(report.history, 'would add')}`);
  lines.push('Dry run: nothing was written.');
  return lines.join('\n');
}

/** The summary after a sync: the board, what changed in the schema, what was written and what it cost. */
export function formatSyncReport(report: SyncReport): string {
  const lines: string[] = [];
  lines.push(`Board${report.created ? ' created' : ''}: ${report.boardUrl ?? report.boardId ?? '(none)'}`);
  lines.push(...changeLines(report));
  const written = report.writeCalls === 0 ? 'no writes: the board was up to date' : `created ${kindList(report.counts.creates)}; updated ${kindList(report.counts.updates)}; deleted ${kindList(report.counts.deletes)}`;
  lines.push(`Writes: ${written}`);
  lines.push(
    `API: ${plural(report.apiCalls, 'call')} (${plural(report.writeCalls, 'write')}), ${formatNumber(report.credits)} credits, ${formatSeconds(report.elapsedMs / 1000)}` +
      (report.retries > 0 ? `, ${plural(report.retries, 'retry', 'retries')}` : '') +
      (report.rateLimitWaits > 0 ? `, ${plural(report.rateLimitWaits, 'rate-limit wait')}` : ''),
  );
  const notes: string[] = [];
  if (report.kept.tables > 0 || report.kept.relations > 0) {
    notes.push(`kept ${plural(report.kept.tables, 'dropped table')} and ${plural(report.kept.relations, 'dropped relation')} (--no-prune)`);
  }
  if (report.kept.frames > 0) notes.push(`kept ${plural(report.kept.frames, 'frame')} of schemas no longer drawn (not empty)`);
  if (report.foreign.items + report.foreign.connectors > 0) {
    notes.push(`left ${plural(report.foreign.items + report.foreign.connectors, 'item')} not made by schema-to-miro untouched`);
  }
  if (report.identity.adopted.length > 0) {
    notes.push(`recognised ${plural(report.identity.adopted.length, 'item')} by ${report.identity.adopted.length === 1 ? 'its' : 'their'} visible name (signature unreadable)`);
  }
  for (const claim of report.identity.claims) {
    notes.push(`${claim.key} is claimed by ${plural(claim.otherItemIds.length + 1, 'item')}: kept ${claim.keptItemId}, left ${claim.otherItemIds.join(', ')} alone`);
  }
  if (!report.dryRun && (report.marks.set > 0 || report.marks.cleared > 0)) {
    notes.push(
      [
        report.marks.set > 0 ? `marked ${plural(report.marks.set, 'changed table or relation', 'changed tables and relations')}` : '',
        report.marks.cleared > 0 ? `cleared ${plural(report.marks.cleared, 'mark')} of the last run` : '',
      ]
        .filter((part) => part !== '')
        .join(', '),
    );
  }
  if (!report.dryRun && report.history !== null) notes.push(historyNote(report.history, 'added'));
  if (notes.length > 0) lines.push(`Note: ${notes.join('; ')}`);
  return lines.join('\n');
}

const LISTED_NAMES = 8;

function historyNote(history: NonNullable<SyncReport['history']>, verb: string): string {
  const item = history.action === 'create' ? 'a new "Schema history" item' : 'the board\'s "Schema history"';
  return `${verb} this run's entry to ${item} (${plural(history.entries, 'entry', 'entries')})`;
}

function changeLines(report: SyncReport): string[] {
  const parts = changeGroups(report.changes);
  const lines = parts.filter(([, names]) => names.length > 0).map(([label, names]) => `  ${label} (${names.length}): ${nameList(names)}`);
  const { moved, unchanged } = report;
  const movedText = moved.tables + moved.relations === 0 ? '' : `${pair(moved.tables, moved.relations)} moved`;
  if (lines.length === 0) {
    const same = `${pair(unchanged.tables, unchanged.relations)} as on the board`;
    return [`Schema: no changes (${movedText === '' ? same : `${same}; ${movedText}`})`];
  }
  return ['Schema changes:', ...lines, ...(movedText === '' ? [] : [`  moved, not changed: ${pair(moved.tables, moved.relations)}`])];
}

/** `16 tables and 1 relation`. */
function pair(tables: number, relations: number): string {
  return `${plural(tables, 'table')} and ${plural(relations, 'relation')}`;
}

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_NAMES).join(', ');
  return names.length > LISTED_NAMES ? `${shown}, and ${names.length - LISTED_NAMES} more` : shown;
}

function kindList(counts: KindCounts): string {
  const parts = [
    counts.tables > 0 ? plural(counts.tables, 'table') : '',
    counts.relations > 0 ? plural(counts.relations, 'relation') : '',
    counts.frames > 0 ? plural(counts.frames, 'frame') : '',
    counts.titles > 0 ? plural(counts.titles, 'title') : '',
    counts.legends > 0 ? plural(counts.legends, 'enum legend') : '',
    counts.duplicates > 0 ? plural(counts.duplicates, 'duplicate') : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : seconds < 120 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
}
