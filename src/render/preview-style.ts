/** The HTML preview's stylesheet: a quiet toolbar over a dotted, board-like canvas. Local fonts only. */
import { THEME } from './svg-theme.js';

export const PREVIEW_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  display: flex; flex-direction: column; overflow: hidden; color: #0f172a; background: ${THEME.canvas};
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.s2m-toolbar {
  display: flex; align-items: center; gap: 12px; padding: 10px 16px; background: #ffffff;
  border-bottom: 1px solid #e2e8f0; box-shadow: 0 1px 3px rgba(15, 23, 42, 0.05); z-index: 1;
}
.s2m-brand { font-weight: 700; font-size: 15px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.s2m-meta { color: #64748b; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.s2m-spacer { flex: 1; }
.s2m-search {
  font: inherit; font-size: 13px; width: 220px; padding: 6px 10px; border: 1px solid #cbd5e1; border-radius: 8px;
  background: #f8fafc; color: inherit; outline: none;
}
.s2m-search:focus { border-color: #6366f1; box-shadow: 0 0 0 3px rgba(99, 102, 241, 0.18); background: #ffffff; }
.s2m-zoom-group { display: flex; align-items: center; border: 1px solid #cbd5e1; border-radius: 8px; overflow: hidden; }
.s2m-btn {
  font: inherit; font-size: 14px; height: 30px; min-width: 32px; padding: 0 10px; border: 0; background: #ffffff;
  color: #0f172a; cursor: pointer;
}
.s2m-btn:hover { background: #f1f5f9; }
.s2m-btn + .s2m-btn, .s2m-btn + .s2m-zoom, .s2m-zoom + .s2m-btn { border-left: 1px solid #e2e8f0; }
.s2m-zoom { min-width: 56px; text-align: center; font-size: 12px; color: #475569; font-variant-numeric: tabular-nums; }
#s2m-canvas {
  flex: 1; position: relative; overflow: auto; cursor: grab; outline: none; touch-action: none; user-select: none;
  background-color: ${THEME.canvas};
  background-image: radial-gradient(circle at 1.5px 1.5px, ${THEME.canvasDot} 1.1px, transparent 1.4px);
  background-size: 24px 24px;
}
#s2m-canvas.s2m-dragging { cursor: grabbing; }
#s2m-canvas > svg { position: absolute; inset: 0; display: block; }
#s2m-canvas .s2m-background { display: none; }
.s2m-help { color: #64748b; font-size: 12px; white-space: nowrap; }
@media (max-width: 1100px) { .s2m-help { display: none; } }
.s2m-help kbd {
  font: 11px ui-monospace, "DejaVu Sans Mono", monospace; padding: 1px 5px; border: 1px solid #cbd5e1;
  border-bottom-width: 2px; border-radius: 4px; background: #f8fafc; color: #334155;
}
svg.s2m-focus .s2m-connector { opacity: 0.12; }
svg.s2m-focus .s2m-connector.s2m-hl { opacity: 1; }
svg.s2m-focus .s2m-connector.s2m-hl .s2m-route { stroke: #4f46e5; stroke-width: 2.25; }
svg.s2m-focus .s2m-connector.s2m-hl .s2m-glyph { stroke: #4338ca; }
svg.s2m-searching .s2m-table:not(.s2m-match) { opacity: 0.3; }
.s2m-table.s2m-match { filter: drop-shadow(0 0 6px rgba(79, 70, 229, 0.65)); }
.s2m-reference { cursor: pointer; }
`;
