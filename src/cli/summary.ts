/**
 * `--summary <file>`: the run as Markdown, for a CI system to show (GitHub's `$GITHUB_STEP_SUMMARY`).
 * Appended, not overwritten: a step summary file collects every step's part.
 */
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { changeGroups, type BoardIdentity, type SchemaChanges } from '../board/index.js';
import { erDiagramMermaid, neighbourhood } from '../docs/index.js';
import type { Diagram } from '../model/diagram.js';
import type { UnenforcedRelation } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import { plural } from '../util/plural.js';
import { ensureFolder, writeFailure } from './outputs.js';
import { hasSchemaChanges, type RunOutcome } from './run-outcome.js';

const HEADLINES: Record<RunOutcome['status'], string> = {
  unchanged: 'board up to date, no schema changes',
  changed: 'board updated',
  in_sync: 'board in sync with the schema',
  out_of_sync: 'board NOT in sync with the schema',
  planned: 'dry run, nothing written',
  written: 'files written',
  error: 'failed',
};

/** Names listed per kind of change; a long list is cut so a summary stays readable. */
const LISTED = 30;
/** Tables in the summary's diagram of what changed: past about 30, a Mermaid diagram is unreadable. */
const DIAGRAM_TABLES = 30;

export function formatSummaryMarkdown(outcome: RunOutcome): string {
  const lines = [`### schema-to-miro: ${HEADLINES[outcome.status]}`, ''];
  if (outcome.error !== null) {
    lines.push(`Exit code ${outcome.exitCode}: ${escapeMarkdown(outcome.error)}`);
    return `${lines.join('\n')}\n`;
  }
  const result = outcome.result!;
  const sync = result.sync;
  if (sync !== null) {
    const board = sync.boardUrl ?? sync.boardId;
    if (board !== null) lines.push(`Board: [${escapeMarkdown(sync.boardName ?? board)}](${board})${sync.created ? ' (created by this run)' : ''}`, '');
    lines.push(...changeTable(sync.changes), '');
    if (result.diagram !== undefined) lines.push(...changedDiagram(result.diagram, sync.changes));
    if (result.changeMark !== null && !sync.dryRun && hasSchemaChanges(sync.changes)) {
      lines.push(`Changed tables are marked “${escapeMarkdown(result.changeMark)}” on the board until the next run.`, '');
    }
    lines.push(
      `API calls: ${sync.apiCalls} (${plural(sync.writeCalls, 'write')}), ${sync.credits} credits, ${(sync.elapsedMs / 1000).toFixed(1)} s` +
        (sync.retries > 0 ? `, ${plural(sync.retries, 'retry', 'retries')}` : '') +
        (sync.dryRun ? ` — ${plural(sync.planned.calls, 'write')} needed` : ''),
    );
    lines.push(...identityLines(sync.identity));
  }
  lines.push(...unenforcedList(result.unenforcedRelations ?? []));
  lines.push(`Schema: ${escapeMarkdown(result.database)}, ${plural(result.tables, 'table')}. Exit code ${outcome.exitCode}.`);
  for (const path of result.outputs) lines.push(`- wrote \`${path}\``);
  return `${lines.join('\n')}\n`;
}

function changeTable(changes: SchemaChanges): string[] {
  if (!hasSchemaChanges(changes)) return ['No tables or relations added, removed or changed.'];
  const rows = changeGroups(changes);
  const lines = ['| change | count | names |', '|---|---:|---|'];
  for (const [label, names] of rows) {
    if (names.length === 0) continue;
    const shown = names.slice(0, LISTED).map((n) => `\`${n.replace(/`/g, "'")}\``).join(', ');
    const more = names.length > LISTED ? `, and ${names.length - LISTED} more` : '';
    lines.push(`| ${label} | ${names.length} | ${shown.replace(/\|/g, '\\|')}${more} |`);
  }
  return lines;
}

/** The tables added or changed (and those at the ends of changed relations), with their neighbours. */
function changedDiagram(diagram: Diagram, changes: SchemaChanges): string[] {
  const present = new Set(diagram.tables.map((t) => t.id));
  const relationEnds = diagram.relations
    .filter((r) => changes.relationsAdded.includes(r.id) || changes.relationsChanged.includes(r.id))
    .flatMap((r) => [r.from, r.to]);
  const changed = [...new Set([...changes.tablesAdded, ...changes.tablesChanged, ...relationEnds])].filter((id) => present.has(id)).sort();
  if (changed.length === 0) return [];
  const shown = changed.slice(0, DIAGRAM_TABLES);
  const around = neighbourhood(diagram, shown, DIAGRAM_TABLES);
  const left = changed.length - shown.length + around.omitted;
  return [
    '```mermaid',
    erDiagramMermaid(diagram, { tables: around.tables, columns: 'keys' }).trimEnd(),
    '```',
    ...(left > 0 ? [`${left} more table${left === 1 ? '' : 's'} not drawn.`] : []),
    '',
  ];
}

/**
 * Items of ours recognised without their signature, and elements several items claim: a reviewer should
 * know when the board rewrote our text, or a pasted copy stands beside a table.
 */
function identityLines(identity: BoardIdentity): string[] {
  const lines: string[] = [];
  const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
  if (identity.adopted.length > 0) {
    const shown = identity.adopted.slice(0, LISTED).map(code).join(', ');
    const more = identity.adopted.length > LISTED ? `, and ${identity.adopted.length - LISTED} more` : '';
    lines.push('', `Recognised by visible name (signature unreadable): ${plural(identity.adopted.length, 'item')}, ${identity.signed} by signature: ${shown}${more}.`);
  }
  for (const claim of identity.claims) {
    lines.push('', `${code(claim.key)} is shown by ${plural(claim.otherItemIds.length + 1, 'item')}: kept ${claim.keptItemId}, left ${claim.otherItemIds.join(', ')} alone.`);
  }
  return lines;
}

/** Relations no constraint backs: the inferred ones listed (a reviewer should see each), declared ones counted. */
function unenforcedList(relations: readonly UnenforcedRelation[]): string[] {
  const end = (e: UnenforcedRelation['from']): string => `${tableId(e)}(${e.columns.join(', ')})`;
  const inferred = relations.filter((r) => r.kind === 'inferred');
  const declared = relations.length - inferred.length;
  const lines: string[] = [];
  if (declared > 0) lines.push(`${declared} declared relation${declared === 1 ? '' : 's'} (config \`relations\`, not enforced).`, '');
  if (inferred.length > 0) {
    lines.push(`Inferred relations (not enforced): ${inferred.length}`, '', '| from | to |', '|---|---|');
    for (const r of inferred.slice(0, LISTED)) lines.push(`| \`${end(r.from).replace(/[`|]/g, "'")}\` | \`${end(r.references).replace(/[`|]/g, "'")}\` |`);
    if (inferred.length > LISTED) lines.push(`| and ${inferred.length - LISTED} more | |`);
    lines.push('');
  }
  return lines;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

export async function appendSummary(path: string, markdown: string): Promise<void> {
  try {
    await ensureFolder(dirname(path));
    await appendFile(path, markdown, 'utf8');
  } catch (error) {
    throw new SchemaToMiroError('output', `cannot write the summary ${path}: ${writeFailure(error, dirname(path))}`, { cause: error });
  }
}
