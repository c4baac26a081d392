/**
 * What a plan costs in API calls and rate-limit credits, from the project's operation table
 * (src/miro/openapi/operations.ts), and how long it should take at Miro's credit budget.
 */
import { MIRO_CREDITS_PER_MINUTE, miroOperation, operationCredits, type MiroOperationId } from '../miro/openapi/index.js';
import { BULK_CREATE_LIMIT } from '../miro/limits.js';
import type { SyncPlan } from './plan.js';

export interface CallEstimate {
  calls: number;
  credits: number;
}

/** Write calls of a plan, by operation. */
export function planWrites(plan: SyncPlan): Map<MiroOperationId, CallEstimate> {
  const writes = new Map<MiroOperationId, CallEstimate>();
  const add = (operationId: MiroOperationId, calls: number, itemsPerCall: number[] = []): void => addWrite(writes, operationId, calls, itemsPerCall);
  add('create-frame-item', plan.frameCreates.length);
  add('update-frame-item', plan.frameUpdates.length);
  add('create-text-item', plan.titleCreate === null ? 0 : 1);
  add('update-text-item', plan.titleUpdate === null ? 0 : 1);
  // Loop circles and enum legends go in the same bulk calls as the tables, after them.
  const chunks = chunkSizes(plan.tableCreates.length + plan.loopCreates.length + plan.enumLegendCreates.length, BULK_CREATE_LIMIT);
  add('create-items', chunks.length, chunks);
  add('update-shape-item', plan.tableUpdates.length + plan.loopUpdates.length + plan.enumLegendUpdates.length);
  add('create-connector', plan.connectorCreates.length + plan.loopLegCreates.length);
  add('update-connector', plan.connectorUpdates.length);
  add('delete-connector', plan.connectorDeletes.length);
  add('delete-item', plan.itemDeletes.length + plan.frameDeletes.length);
  return writes;
}

/** Adds `calls` of `operationId` (bulk calls: the items of each) to `writes`. */
export function addWrite(writes: Map<MiroOperationId, CallEstimate>, operationId: MiroOperationId, calls: number, itemsPerCall: number[] = []): void {
  if (calls === 0) return;
  const operation = miroOperation(operationId);
  const credits =
    itemsPerCall.length > 0 ? itemsPerCall.reduce((sum, n) => sum + operationCredits(operation, n), 0) : calls * operationCredits(operation);
  const previous = writes.get(operationId) ?? { calls: 0, credits: 0 };
  writes.set(operationId, { calls: previous.calls + calls, credits: previous.credits + credits });
}

export function totalOf(estimates: Iterable<CallEstimate>): CallEstimate {
  let calls = 0;
  let credits = 0;
  for (const e of estimates) {
    calls += e.calls;
    credits += e.credits;
  }
  return { calls, credits };
}

/** The least time `credits` can take at the per-minute budget (the first minute's budget is spent at once). */
export function creditFloorSeconds(credits: number, creditsPerMinute = MIRO_CREDITS_PER_MINUTE): number {
  return (credits / creditsPerMinute) * 60;
}

/**
 * Expected wall time of `estimate` run `concurrency` calls at a time with `latencyMs` per call: the
 * slower of the latency bound and the rate-limit floor.
 */
export function expectedSeconds(estimate: CallEstimate, options: { latencyMs: number; concurrency: number; creditsPerMinute?: number }): number {
  const latencyBound = (Math.ceil(estimate.calls / options.concurrency) * options.latencyMs) / 1000;
  return Math.max(latencyBound, creditFloorSeconds(estimate.credits, options.creditsPerMinute));
}

/** Sizes of the chunks `count` items split into, `limit` at most each. */
export function chunkSizes(count: number, limit: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= limit) sizes.push(Math.min(limit, left));
  return sizes;
}
