/** The scene stage: diagram + layout -> board scene, and named diagrams composed beside the main one. */
export { buildScene, endMarker, type SceneOptions } from './build-scene.js';
export { composeScenes, type NamedScene } from './compose-scene.js';
export { schemaColors, colorsForHeader, parseHexColor, SCHEMA_PALETTE } from './palette.js';
export { TITLE_FONT_SIZE, TITLE_LINE_HEIGHT } from './title.js';
