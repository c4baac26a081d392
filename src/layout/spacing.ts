/**
 * Every distance the layout keeps between things, in board units, in one place: what a reader sees as
 * the board's rhythm, and what leaves room for the connectors between boxes.
 */

/** Empty space around the drawing, on every side. */
export const CANVAS_MARGIN = 40;

/** Space between a frame's border and the tables inside it (room for route stubs around the tables). */
export const FRAME_PADDING = 40;
/** Height of the band at the top of a frame that holds its title. */
export const FRAME_TITLE_BAND = 56;
/** Space between two frames, wide enough for routes that run between schemas. */
export const FRAME_GAP = 100;

/** Space between packed components, room for routes that pass between them. */
export const COMPONENT_GAP = 80;
/** Space between tables in the grid of unrelated tables. */
export const GRID_GAP = 40;

/** Space between the hub spine and the tables on either side: room for the hubs' many routes. */
export const SPINE_GAP = 160;
/** Space between two hubs in the spine. */
export const SPINE_HUB_GAP = 60;
/** Columns of hub-only tables beside the spine: wide enough for the fans of relations between them. */
export const SATELLITE_COLUMN_GAP = 120;

/** Between the columns of a subject area: room for the elbows of the relations that cross the gap. */
export const AREA_COLUMN_GAP = 120;
/** The narrower gap an area falls back to when its columns are wider than a screen at the usual gap. */
export const AREA_COLUMN_GAP_TIGHT = 80;
/** Between tables in a column of a subject area. */
export const AREA_ROW_GAP = 40;

/** ELK layered: between layers, wide enough for several parallel route tracks; between nodes, edges. */
export const ELK_BETWEEN_LAYERS = 90;
export const ELK_NODE_NODE = 40;
export const ELK_EDGE_EDGE = 10;
export const ELK_EDGE_NODE = 16;
