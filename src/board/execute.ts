/**
 * Carries out a plan through the Miro client, in an order that keeps every step valid on its own:
 * deletions first (they free the space new items were placed in), then frames and the title, then
 * tables, self-references' loop circles and enum legends (bulk-created, 20 per call), then the connectors between them
 * (and the loops' legs), and last the frames that emptied.
 * An interrupted run leaves a board the next run recognises and completes.
 */
import { connectorRequest, loopItem, loopLegRequest, tableBulkItem } from './items.js';
import type { MiroItemCreate } from '../miro/openapi/index.js';
import { SchemaToMiroError } from '../errors.js';
import type { BoardState } from './board-state.js';
import { BULK_CREATE_LIMIT } from '../miro/limits.js';
import type { SyncClient } from './miro-port.js';
import type { LoopCreate } from './loops.js';
import { enumLegendItem, type EnumLegendCreate } from './enum-legends.js';
import type { PlannedParent, SyncPlan, TableCreate } from './plan.js';
import { markBorder } from './marks.js';
import { LimitedRunCancelled, runLimited } from '../util/concurrency-gate.js';

export type SyncPhase = 'delete' | 'frames' | 'tables' | 'connectors' | 'history';

export interface SyncProgress {
  phase: SyncPhase;
  /** Write calls done, and planned in all. */
  done: number;
  total: number;
}

export interface ExecuteOptions {
  concurrency: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Stops starting writes; the ones in flight finish (bounded), then `WritesCancelled` is thrown. */
  signal?: AbortSignal;
}

/** A cancelled execution: how many of the planned write calls were done. */
export class WritesCancelled extends Error {
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`cancelled after ${done} of ${total} writes`);
  }
}

export async function executePlan(
  client: SyncClient,
  boardId: string,
  plan: SyncPlan,
  board: BoardState,
  totalWrites: number,
  options: ExecuteOptions,
): Promise<void> {
  let done = 0;
  const run = async (phase: SyncPhase, tasks: (() => Promise<void>)[]): Promise<void> => {
    const counted = tasks.map((task) => async () => {
      await task();
      done++;
      options.onProgress?.({ phase, done, total: totalWrites });
    });
    try {
      await runLimited(counted, options.concurrency, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      throw error instanceof LimitedRunCancelled ? new WritesCancelled(done, totalWrites) : error;
    }
  };

  await run('delete', [
    ...plan.connectorDeletes.map((d) => () => client.deleteConnector(boardId, d.connectorId)),
    ...plan.itemDeletes.map((d) => () => client.deleteItem(boardId, d.itemId)),
  ]);

  const frameIds = new Map<string, string>();
  const titleCreate = plan.titleCreate;
  const titleUpdate = plan.titleUpdate;
  await run('frames', [
    ...plan.frameCreates.map((f) => async () => {
      frameIds.set(f.schema, (await client.createFrame(boardId, f.request)).id);
    }),
    ...plan.frameUpdates.map((f) => async () => {
      await client.updateFrame(boardId, f.itemId, f.request);
    }),
    ...(titleCreate ? [async () => void (await client.createText(boardId, titleCreate.request))] : []),
    ...(titleUpdate ? [async () => void (await client.updateText(boardId, titleUpdate.itemId, titleUpdate.request))] : []),
  ]);

  const tableIds = new Map([...board.tables.values()].map((t) => [t.tableId, t.itemId]));
  const parentOf = (parent: PlannedParent | null): { id: string; topLeft: { x: number; y: number } } | undefined => {
    if (parent === null) return undefined;
    const id = 'itemId' in parent ? parent.itemId : frameIds.get(parent.newFrameSchema);
    if (id === undefined) throw new Error(`frame for ${JSON.stringify(parent)} was not created`);
    return { id, topLeft: parent.topLeft };
  };
  const loopIds = new Map([...board.loops.values()].map((l) => [l.relationId, l.itemId]));
  type BulkEntry = { table: TableCreate } | { loop: LoopCreate } | { legend: EnumLegendCreate };
  const createChunk = (chunk: readonly BulkEntry[]) => async () => {
    const items = chunk.map((entry): MiroItemCreate => {
      if ('loop' in entry) {
        const parent = parentOf(entry.loop.parent);
        return loopItem(entry.loop.connector, { box: entry.loop.box, ...(parent ? { parent } : {}) });
      }
      if ('legend' in entry) {
        const parent = parentOf(entry.legend.parent);
        return enumLegendItem(entry.legend.legend, { box: entry.legend.box, ...(parent ? { parent } : {}) });
      }
      const c = entry.table;
      const parent = parentOf(c.parent);
      const item = tableBulkItem(c.table, { box: c.box, ...(parent ? { parent } : {}) });
      // A table new in this run carries its change mark's border (marks.ts).
      return c.table.mark === null ? item : ({ ...item, style: { ...item.style, ...markBorder(c.table) } } as typeof item);
    });
    const created = await client.createItems(boardId, items);
    if (created.length !== chunk.length) {
      throw new SchemaToMiroError('miro', `Miro created ${created.length} of ${chunk.length} shapes in one bulk call`);
    }
    chunk.forEach((entry, i) => {
      if ('loop' in entry) loopIds.set(entry.loop.connector.id, created[i]!.id);
      else if ('legend' in entry) return;
      else tableIds.set(entry.table.table.id, created[i]!.id);
    });
  };
  const entries: BulkEntry[] = [
    ...plan.tableCreates.map((table) => ({ table })),
    ...plan.loopCreates.map((loop) => ({ loop })),
    ...plan.enumLegendCreates.map((legend) => ({ legend })),
  ];
  const withParent = <T extends { request: object; newParentFrame?: string }>(u: T): T['request'] =>
    u.newParentFrame === undefined ? u.request : { ...u.request, parent: { id: frameIds.get(u.newParentFrame)! } };
  await run('tables', [
    ...chunks(entries, BULK_CREATE_LIMIT).map(createChunk),
    ...plan.tableUpdates.map((u) => async () => void (await client.updateShape(boardId, u.itemId, withParent(u)))),
    ...plan.loopUpdates.map((u) => async () => void (await client.updateShape(boardId, u.itemId, withParent(u)))),
    ...plan.enumLegendUpdates.map((u) => async () => void (await client.updateShape(boardId, u.itemId, withParent(u)))),
  ]);

  const itemOf = (tableId: string): string => {
    const id = tableIds.get(tableId);
    if (id === undefined) throw new Error(`no shape for table ${tableId}`);
    return id;
  };
  await run('connectors', [
    ...plan.connectorCreates.map((c) => async () => {
      const request = connectorRequest(c.connector, itemOf(c.connector.from), itemOf(c.connector.to));
      if (c.strokeColor !== undefined) request.style = { ...request.style, strokeColor: c.strokeColor };
      await client.createConnector(boardId, request);
    }),
    ...plan.loopLegCreates.map((c) => async () => {
      const loopId = loopIds.get(c.connector.id);
      if (loopId === undefined) throw new Error(`no loop circle for relation ${c.connector.id}`);
      const request = loopLegRequest(c.connector, c.loop, c.leg, itemOf(c.connector.from), loopId);
      if (c.strokeColor !== undefined) request.style = { ...request.style, strokeColor: c.strokeColor };
      await client.createConnector(boardId, request);
    }),
    ...plan.connectorUpdates.map((u) => async () => {
      await client.updateConnector(boardId, u.connectorId, u.request);
    }),
  ]);

  await run('delete', plan.frameDeletes.map((d) => () => client.deleteItem(boardId, d.itemId)));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
