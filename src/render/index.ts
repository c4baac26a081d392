/** The preview drawers: a board scene as a standalone SVG, or an HTML page around it. */
export { renderSvg } from './svg.js';
export { renderHtml, type HtmlOptions } from './html.js';
export { svgToPng } from './png.js';
