/** Document outputs of a schema: Markdown, Mermaid and DBML text, and the preview as PNG. Pure formatters. */
export { documentedSchema, type DocumentedSchema } from './documented.js';
export { schemaMarkdown } from './markdown.js';
export { erDiagramMermaid, neighbourhood, type MermaidOptions } from './mermaid.js';
export { schemaDbml } from './dbml.js';
export { svgToPng } from './png.js';
