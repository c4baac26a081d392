/**
 * What goes into each `--out` file, by its format: the joins between the pipeline's results and the
 * formatters (the formatters themselves are pure and live with their stage).
 */
import type { Diagram } from '../model/diagram.js';
import type { Layout } from '../model/layout.js';
import type { BoardScene } from '../model/scene.js';
import type { DatabaseSchema } from '../model/schema.js';
import { documentedSchema, erDiagramMermaid, schemaDbml, schemaMarkdown } from '../docs/index.js';
import { renderHtml, renderSvg, svgToPng } from '../render/index.js';
import { toJson, type OutputFormat } from './outputs.js';

/** The outputs that need only the schema model and the diagram (no layout). */
export function documentContent(format: OutputFormat, schema: DatabaseSchema, diagram: Diagram): string {
  switch (format) {
    case 'markdown':
      return schemaMarkdown(documentedSchema(schema, diagram), diagram);
    case 'mermaid':
      return erDiagramMermaid(diagram);
    case 'dbml':
      return schemaDbml(documentedSchema(schema, diagram));
    case 'schema':
    default:
      return toJson(schema);
  }
}

/** The outputs drawn from the laid-out scene. */
export function drawnContent(format: OutputFormat, scene: BoardScene, layout: Layout): string | Uint8Array {
  switch (format) {
    case 'layout':
      return toJson(layout);
    case 'svg':
      return renderSvg(scene);
    case 'png':
      return svgToPng(renderSvg(scene));
    case 'html':
    default:
      return renderHtml(scene);
  }
}
