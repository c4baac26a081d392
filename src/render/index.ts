/** The render stage: diagram + layout -> board scene, and the scene's SVG and HTML previews. */
export { buildScene, endMarker, type SceneOptions } from './scene.js';
export { renderSvg } from './svg.js';
export { renderHtml, type HtmlOptions } from './html.js';
export { svgToPng } from './png.js';
export { schemaColors, colorsForHeader, parseHexColor, SCHEMA_PALETTE } from './palette.js';
export { TITLE_FONT_SIZE, TITLE_LINE_HEIGHT } from './title.js';
export { composeScenes, idInDiagram, isDiagramCopyId, baseIdOf, type NamedScene } from './compose-scene.js';
