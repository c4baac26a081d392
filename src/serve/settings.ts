/**
 * Everything `serve` runs with, resolved once at start from the flags, the config file's `serve` and
 * `sources` sections and the environment (which alone holds secrets). A missing or bad setting is one
 * usage error naming it, before anything listens.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { resolveMiroUrls, type MiroUrls, type OAuthApp } from '../auth/index.js';
import { envValue } from '../auth/env.js';
import { configDefault, serveDefault, type NamedDiagramConfig, type ProjectConfig, type ServeConfig } from '../config/index.js';
import type { AreaRule } from '../model/diagram.js';
import type { DeclaredRelationSpec } from '../model/relations.js';
import { SchemaToMiroError } from '../errors.js';
import type { SourceSpec } from '../source/index.js';
import type { StoreTarget } from './store/open-store.js';

/** A source as the runner reads it: never sent by a request, only named by one. */
export interface ResolvedSource {
  name: string;
  spec: SourceSpec;
  schemas: string[];
  views: boolean;
  /** The webhook's signing secret; null: the source has no webhook. */
  hookSecret: string | null;
}

/**
 * How the config file asks for diagrams to be drawn. The service reads the same file as the CLI, so a board it
 * keeps looks like the one the CI job draws: relations no constraint backs, areas, colours, named diagrams,
 * and the defaults a request's own options override.
 */
export interface ServeDrawing {
  relations: DeclaredRelationSpec[];
  inferRelations: boolean;
  areas: AreaRule[];
  colors: Record<string, string>;
  hubReferences: boolean;
  diagrams: NamedDiagramConfig[];
  include: string[];
  exclude: string[];
  columns: NonNullable<ProjectConfig['columns']>;
  maxColumns?: number;
  direction: NonNullable<ProjectConfig['direction']>;
}

export type LogLevel = NonNullable<ServeConfig['logLevel']>;

export interface ServeSettings {
  host: string;
  port: number;
  store: StoreTarget;
  /** Origin people reach the service at; browsers' state-changing requests must come from it. */
  publicOrigin: string;
  /** Cookies get `Secure` when the service is reached over https. */
  secureCookies: boolean;
  app: OAuthApp;
  urls: MiroUrls;
  secret: string;
  oldSecrets: string[];
  sources: Map<string, ResolvedSource>;
  drawing: ServeDrawing;
  concurrency: number;
  leaseSeconds: number;
  pollSeconds: number;
  retries: number;
  keepRuns: number;
  rateLimitPerMinute: number;
  logLevel: LogLevel;
}

/** What the command line gave (`serve --port … --host … --data-dir … --store …`). */
export interface ServeFlags {
  port?: number;
  host?: string;
  dataDir?: string;
  store?: string;
}

export const DEFAULT_PORT = serveDefault('port');
export const DEFAULT_HOST = serveDefault('host');

export function resolveServeSettings(flags: ServeFlags, config: ProjectConfig | null, env: NodeJS.ProcessEnv): ServeSettings {
  const section = config?.serve ?? {};
  const host = flags.host ?? section.host ?? DEFAULT_HOST;
  const port = flags.port ?? section.port ?? DEFAULT_PORT;
  const missing = ['MIRO_CLIENT_ID', 'MIRO_CLIENT_SECRET', 'SCHEMA_TO_MIRO_SECRET'].filter((name) => envValue(env, name) === undefined);
  if (missing.length > 0) throw new SchemaToMiroError('usage', `serve needs ${missing.join(', ')} in the environment (see README, "Run it for a team")`);
  const redirectUri = envValue(env, 'MIRO_REDIRECT_URI') ?? `http://${hostForUrl(host)}:${port}/auth/miro/callback`;
  const publicUrl = section.publicUrl ?? new URL(redirectUri).origin;
  let publicOrigin: string;
  try {
    publicOrigin = new URL(publicUrl).origin;
  } catch {
    throw new SchemaToMiroError('usage', `serve.publicUrl is not a URL: ${JSON.stringify(publicUrl)}`);
  }
  const sources = resolveSources(config, env);
  return {
    host,
    port,
    store: storeTarget(flags, section, env),
    publicOrigin,
    secureCookies: publicOrigin.startsWith('https:'),
    app: { clientId: envValue(env, 'MIRO_CLIENT_ID')!, clientSecret: envValue(env, 'MIRO_CLIENT_SECRET')!, redirectUri },
    urls: resolveMiroUrls(env),
    secret: envValue(env, 'SCHEMA_TO_MIRO_SECRET')!,
    oldSecrets: (envValue(env, 'SCHEMA_TO_MIRO_OLD_SECRETS') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    sources,
    drawing: drawingOf(config),
    concurrency: section.concurrency ?? serveDefault('concurrency'),
    leaseSeconds: section.leaseSeconds ?? serveDefault('leaseSeconds'),
    pollSeconds: section.pollSeconds ?? serveDefault('pollSeconds'),
    retries: section.retries ?? serveDefault('retries'),
    keepRuns: section.keepRuns ?? serveDefault('keepRuns'),
    rateLimitPerMinute: section.rateLimitPerMinute ?? serveDefault('rateLimitPerMinute'),
    logLevel: section.logLevel ?? serveDefault('logLevel'),
  };
}

function storeTarget(flags: ServeFlags, section: ServeConfig, env: NodeJS.ProcessEnv): StoreTarget {
  const url = flags.store ?? envValue(env, 'SCHEMA_TO_MIRO_STORE_URL');
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new SchemaToMiroError('usage', '--store must be a postgres:// URL (or leave it out for the embedded store)');
    return { kind: 'postgres', url };
  }
  const dataDir = flags.dataDir ?? section.dataDir ?? join(dataHome(env), 'schema-to-miro', 'serve');
  return { kind: 'embedded', dataDir: resolve(dataDir) };
}

function resolveSources(config: ProjectConfig | null, env: NodeJS.ProcessEnv): Map<string, ResolvedSource> {
  const sources = new Map<string, ResolvedSource>();
  for (const [name, declared] of Object.entries(config?.sources ?? {})) {
    let spec: SourceSpec;
    if (declared.dbEnv !== undefined) {
      const url = envValue(env, declared.dbEnv);
      if (url === undefined) throw new SchemaToMiroError('usage', `source "${name}" reads its database URL from ${declared.dbEnv}, which is not set`);
      spec = { kind: 'database', url };
    } else {
      spec = { kind: 'sql', paths: declared.sql ?? [] };
    }
    let hookSecret: string | null = null;
    if (declared.hookSecretEnv !== undefined) {
      hookSecret = envValue(env, declared.hookSecretEnv) ?? null;
      if (hookSecret === null) throw new SchemaToMiroError('usage', `source "${name}" signs its webhook with ${declared.hookSecretEnv}, which is not set`);
    }
    sources.set(name, { name, spec, schemas: declared.schemas ?? [], views: declared.views ?? false, hookSecret });
  }
  return sources;
}

function drawingOf(config: ProjectConfig | null): ServeDrawing {
  return {
    relations: config?.relations ?? [],
    inferRelations: config?.inferRelations ?? configDefault('inferRelations'),
    areas: config?.areas ?? [],
    colors: config?.colors ?? {},
    hubReferences: config?.hubReferences ?? configDefault('hubReferences'),
    diagrams: config?.diagrams ?? [],
    include: config?.include ?? [],
    exclude: config?.exclude ?? [],
    columns: config?.columns ?? configDefault('columns'),
    ...(config?.maxColumns !== undefined ? { maxColumns: config.maxColumns } : {}),
    direction: config?.direction ?? configDefault('direction'),
  };
}

/** `$XDG_DATA_HOME`, else `~/.local/share` (XDG ignores a relative XDG_DATA_HOME). */
function dataHome(env: NodeJS.ProcessEnv): string {
  const xdg = envValue(env, 'XDG_DATA_HOME');
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  return join(envValue(env, 'HOME') ?? homedir(), '.local', 'share');
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
