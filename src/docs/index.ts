/** The docs stage: a schema as Markdown, Mermaid and DBML text. Pure formatters of the model and the diagram. */
export { documentedSchema, type DocumentedSchema } from './documented.js';
export { schemaMarkdown } from './markdown.js';
export { erDiagramMermaid, neighbourhood, type MermaidOptions } from './mermaid.js';
export { schemaDbml } from './dbml.js';
