/**
 * The diagram options a request may carry (`POST /boards/generate`), declared once: the JSON Schema the
 * HTTP layer validates bodies with, and the type the runner reads. They mirror the CLI's flags of the
 * same names; a request can never name a database URL or a path, only a declared source.
 */
export interface DiagramOptions {
  schemas?: string[];
  include?: string[];
  exclude?: string[];
  focus?: string;
  depth?: number;
  columns?: 'all' | 'keys';
  maxColumns?: number;
  direction?: 'right' | 'down';
  views?: boolean;
  prune?: boolean;
}

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const NAMES = { type: 'array', items: NAME, maxItems: 100 } as const;

export const DIAGRAM_OPTIONS_SCHEMA = {
  schemas: NAMES,
  include: NAMES,
  exclude: NAMES,
  focus: NAME,
  depth: { type: 'integer', minimum: 0, maximum: 20 },
  columns: { type: 'string', enum: ['all', 'keys'] },
  maxColumns: { type: 'integer', minimum: 1, maximum: 1000 },
  direction: { type: 'string', enum: ['right', 'down'] },
  views: { type: 'boolean' },
  prune: { type: 'boolean' },
} as const;

/** Only the known keys, from a stored link's options (stored by this service, read back as JSON). */
export function diagramOptionsOf(stored: Record<string, unknown>): DiagramOptions {
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(DIAGRAM_OPTIONS_SCHEMA)) if (stored[key] !== undefined) options[key] = stored[key];
  return options as DiagramOptions;
}
