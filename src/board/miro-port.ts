/**
 * What the sync needs from the Miro client (src/miro/client.ts). Naming only these calls keeps the
 * dependency explicit, and lets a test count or fail calls by wrapping a real client.
 */
import type { MiroClient } from '../miro/client.js';

export type SyncClient = Pick<
  MiroClient,
  | 'stats'
  | 'getBoard'
  | 'createBoard'
  | 'listItems'
  | 'listConnectors'
  | 'createItems'
  | 'updateShape'
  | 'createText'
  | 'updateText'
  | 'createFrame'
  | 'updateFrame'
  | 'deleteItem'
  | 'createConnector'
  | 'updateConnector'
  | 'deleteConnector'
>;

export type MiroClientStats = Omit<MiroClient['stats'], 'byOperation'>;
