/** The layout stage: Diagram -> Layout (boxes, frames, anchors and routes in board coordinates). */
export { layoutDiagram, CANVAS_MARGIN } from './layout-diagram.js';
export type { LayoutOptions } from './types.js';
export { warmUpLayout } from './warm-up.js';
export {
  aspectRatio,
  countBoxOverlaps,
  countCrossings,
  countPolylineBoxOverlaps,
  countRouteCrossings,
  countStraightCrossings,
  edgeBoxOverlaps,
  straightBoxOverlaps,
  totalRouteLength,
} from './metrics/metrics.js';
export { boardMetrics, countCrossingPairs, drawnConnectors } from './metrics/board-metrics.js';
export { miroElbowPath } from './helpers/elbow-path.js';
export type { BoardMetrics, DrawnConnector } from './metrics/board-metrics.js';
