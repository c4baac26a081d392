/**
 * What goes into each `--out` file, by its format: the joins between the pipeline's results and the
 * formatters (the formatters themselves are pure and live with their stage). Each formatter is loaded by
 * the run that writes its format: a `.json` run loads neither the docs formatters nor the drawers (and
 * the drawers load resvg with the first `.png`, `render/png.ts`).
 */
import type { Diagram } from '../model/diagram.js';
import type { Layout } from '../model/layout.js';
import type { BoardScene } from '../model/scene.js';
import type { DatabaseSchema } from '../model/schema.js';
import { toJson, type OutputFormat } from './outputs.js';

/** The outputs that need only the schema model and the diagram (no layout); the model alone (`.json`) needs no diagram. */
export async function documentContent(format: OutputFormat, schema: DatabaseSchema, diagram: Diagram | undefined): Promise<string> {
  if (format !== 'markdown' && format !== 'mermaid' && format !== 'dbml') return toJson(schema);
  if (diagram === undefined) throw new Error(`a ${format} output needs the diagram`);
  const { documentedSchema, erDiagramMermaid, schemaDbml, schemaMarkdown } = await import('../docs/index.js');
  switch (format) {
    case 'markdown':
      return schemaMarkdown(documentedSchema(schema, diagram), diagram);
    case 'mermaid':
      return erDiagramMermaid(diagram);
    case 'dbml':
      return schemaDbml(documentedSchema(schema, diagram));
  }
}

/** The outputs drawn from the laid-out scene. */
export async function drawnContent(format: OutputFormat, scene: BoardScene, layout: Layout): Promise<string | Uint8Array> {
  if (format === 'layout') return toJson(layout);
  const { renderHtml, renderSvg, svgToPng } = await import('../render/index.js');
  switch (format) {
    case 'svg':
      return renderSvg(scene);
    case 'png':
      return svgToPng(renderSvg(scene));
    case 'html':
    default:
      return renderHtml(scene);
  }
}
