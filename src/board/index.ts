/** The board stage: a board scene onto a Miro board (writing our items and recognising them again). */
export { syncBoard, boardLink, BOARD_ACCESS_LEVELS, type BoardAccess, type SyncOptions } from './sync-board.js';
export { diagnoseBoard, formatDoctorReport, type DoctorReport, type DoctorClient, type TextStorage } from './doctor.js';
export type { SyncProgress, SyncPhase } from './execute.js';
export type { SyncReport, PlanCounts, KindCounts } from './report.js';
export type { SchemaChanges, SyncPlan } from './plan.js';
export type { SyncClient } from './miro-port.js';
export { formatPlan, formatSyncReport } from './report.js';
export { changeGroups, planSync } from './plan.js';
export { readBoardState, type BoardIdentity } from './board-state.js';
export { editAccessProblem } from './edit-access.js';
export { acquireBoardLock, isLockItem, lockContent, readLockText, type BoardLockOptions, type HeldBoardLock } from './board-lock.js';
