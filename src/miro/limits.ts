/** Limits of the Miro REST API and the project's defaults within them, for the client and the sync alike. */

/** Miro takes 1 to 20 items per bulk create. */
export const BULK_CREATE_LIMIT = 20;
/** The most items or connectors Miro returns per page. */
export const PAGE_LIMIT = 50;
/** Miro's limit on board names, in characters. */
export const MAX_BOARD_NAME = 60;
/** Calls in flight at once, all sharing one credit budget. */
export const DEFAULT_CONCURRENCY = 8;
/** The longest board description Miro takes. */
export const MAX_BOARD_DESCRIPTION = 300;
