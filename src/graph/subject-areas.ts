/**
 * Subject areas: a schema of more than about 40 tables is split into parts that each fit a screen, found
 * from its relations by modularity (Louvain), so a large board reads as a set of small, related pictures.
 *
 * - Hub tables (referenced by more than HUB_REFERENCE_MIN relations) are left out of the clustering: they
 *   would pull everything into one area. A hub lives in the area of the tables that reference only it (its
 *   "satellites"), or else in the area most related to it; other areas get reference boxes (layout).
 * - Config `areas` names and pins areas by glob first; the other tables fall into detected areas.
 * - Deterministic: nodes enter the clustering in id order and Louvain visits them in that order (no random
 *   walk), so the same schema always gives the same areas.
 * - Local: the clustering sees only the 2-core of the relation graph, so a table added or dropped at its edge
 *   (related to one other table, or only to hubs) changes the area it hangs from and no other (detectParts).
 * - Areas larger than a screen's worth of rows are split again, at a finer resolution.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { AreaRule, DiagramArea, DiagramRelation, DiagramTable } from '../model/diagram.js';
import { areaTitle } from '../model/diagram.js';

export type { AreaRule } from '../model/diagram.js';
import { globMatcher } from './selection.js';
import { pendantForest } from './pendant-trees.js';
import { stableChunks } from './stable-chunks.js';
import { compareStrings } from '../util/compare.js';

/** A schema (or the whole one-schema diagram) with more tables than this is split into areas. */
export const AREA_MIN_TABLES = 40;
/** A table referenced by more relations than this (from other tables) is a hub. */
export const HUB_REFERENCE_MIN = 12;
/**
 * What one area may hold, in rows (each table counts its rows plus its header): about what fits a frame
 * of 2,700 x 1,500 units with room for the relations between the tables.
 */
export const AREA_ROW_BUDGET = 130;
/**
 * What one piece of the 2-core may hold before its pendant trees join it: the trees are about as many
 * rows again, so the areas come out near AREA_ROW_BUDGET without the cut depending on them.
 */
const CORE_ROW_BUDGET = 65;
/** Detected communities smaller than this join the satellites of their hub, or the area of other tables. */
const MIN_COMMUNITY = 3;
const HEADER_ROWS = 3;
const MAX_RESOLUTION = 16;
/**
 * The package is CommonJS (`module.exports = louvain`) with typings that declare an ES default export, so
 * under NodeNext the default import is the function at run time but typed as the module: take its type.
 */
const louvain = louvainModule as unknown as typeof louvainModule.default;
/** Without a random walk Louvain draws no random numbers; this makes sure nothing falls back to Math.random. */
const NO_RANDOMNESS = (): number => 0;


export interface SubjectAreas {
  areas: DiagramArea[];
  hubs: string[];
}

/** Tables referenced by more than HUB_REFERENCE_MIN relations from other tables, sorted by id. */
export function referenceHubs(relations: readonly DiagramRelation[]): string[] {
  const incoming = new Map<string, number>();
  for (const r of relations) if (r.from !== r.to) incoming.set(r.to, (incoming.get(r.to) ?? 0) + 1);
  return [...incoming.entries()].filter(([, n]) => n > HUB_REFERENCE_MIN).map(([id]) => id).sort(compareStrings);
}

export function subjectAreas(tables: readonly DiagramTable[], relations: readonly DiagramRelation[], rules: readonly AreaRule[] = []): SubjectAreas {
  const hubs = referenceHubs(relations);
  const hubSet = new Set(hubs);
  const weight = new Map(tables.map((t) => [t.id, t.rows.length + HEADER_ROWS]));
  const schemas = [...new Set(tables.map((t) => t.schema))].sort(compareStrings);
  const areas: DiagramArea[] = [];
  for (const schema of schemas) {
    const inSchema = tables.filter((t) => t.schema === schema);
    const pinned = pinnedAreas(inSchema, rules);
    const pinnedIds = new Set(pinned.flatMap((a) => a.tables));
    const rest = inSchema.filter((t) => !pinnedIds.has(t.id)).map((t) => t.id);
    // A large diagram's schema is split when it is large itself, or too large for one screen.
    const split = inSchema.length > AREA_MIN_TABLES || (tables.length > AREA_MIN_TABLES && rowsOf(inSchema.map((t) => t.id), weight) > AREA_ROW_BUDGET);
    if (pinned.length === 0 && !split) continue;
    const { parts, core } = !split ? { parts: rest.length > 0 ? [rest] : [], core: new Set<string>() } : detectParts(rest, relations, hubSet, weight);
    for (const a of pinned) areas.push({ ...a, schema, key: `${schema}/${slug(a.title)}` });
    for (const members of parts) {
      const central = mostCentral(members, relations, hubSet, core);
      const name = central.slice(schema.length + 1);
      areas.push({
        key: `${schema}/${slug(name)}`,
        schema,
        title: areaTitle(name, members.length),
        pinned: false,
        tables: [...members].sort(compareStrings),
      });
    }
  }
  return { areas: uniqueKeys(areas).sort((a, b) => compareStrings(a.key, b.key)), hubs };
}

function rowsOf(ids: readonly string[], weight: ReadonlyMap<string, number>): number {
  return ids.reduce((sum, id) => sum + (weight.get(id) ?? 0), 0);
}

function pinnedAreas(tables: readonly DiagramTable[], rules: readonly AreaRule[]): Array<Omit<DiagramArea, 'key' | 'schema'>> {
  const taken = new Set<string>();
  const out: Array<Omit<DiagramArea, 'key' | 'schema'>> = [];
  for (const rule of rules) {
    const matches = globMatcher(rule.include);
    const members = tables.filter((t) => !taken.has(t.id) && matches(t.schema, t.name)).map((t) => t.id);
    members.forEach((id) => taken.add(id));
    if (members.length > 0) out.push({ title: rule.name, pinned: true, tables: members.sort(compareStrings) });
  }
  return out;
}

/**
 * The detected parts of one schema's unpinned tables, in two steps so that a table added or dropped at
 * the edge of the graph changes one area only:
 * 1. Families, from what such a table cannot change: the non-hub relation graph's 2-core (pendant-trees.ts)
 *    is cut by Louvain and then to CORE_ROW_BUDGET by its own rows only; each piece takes the pendant
 *    trees that hang from it. A tree with no core is a family of its own. Small families and hub-only
 *    tables are grouped by the hub they reference most; tables with no relation left together.
 * 2. Each family over the row budget is cut on its own (fitToBudget): a change inside one family re-cuts
 *    that family at most.
 */
function detectParts(
  ids: readonly string[],
  relations: readonly DiagramRelation[],
  hubs: ReadonlySet<string>,
  weight: ReadonlyMap<string, number>,
): { parts: string[][]; core: Set<string> } {
  const members = new Set(ids);
  const inner = relations.filter((r) => members.has(r.from) && members.has(r.to) && r.from !== r.to);
  const nonHubs = ids.filter((id) => !hubs.has(id));
  const plain = inner.filter((r) => !hubs.has(r.from) && !hubs.has(r.to));
  const forest = pendantForest(nonHubs, plain.map((r) => [r.from, r.to] as const));
  const coreSet = new Set(forest.core);
  const coreRelations = plain.filter((r) => coreSet.has(r.from) && coreSet.has(r.to));
  const corePieces = communitiesOf(forest.core, coreRelations, 1).flatMap((c) => fitToBudget(c, coreRelations, weight, hubs, 2, CORE_ROW_BUDGET));
  const familyOf = new Map<string, string[]>();
  const families: string[][] = [];
  for (const piece of corePieces) {
    const family = [...piece];
    families.push(family);
    for (const id of piece) familyOf.set(id, family);
  }
  for (const id of [...forest.anchorOf.keys()].sort(compareStrings)) {
    const anchor = forest.anchorOf.get(id) as string;
    let family = familyOf.get(anchor);
    if (!family) {
      family = [];
      families.push(family);
      familyOf.set(anchor, family);
    }
    family.push(id);
  }
  const communities = families.map((f) => f.sort(compareStrings)).sort((a, b) => compareStrings(a[0] ?? '', b[0] ?? ''));

  const hubRank = hubOrder(relations, hubs);
  // Small families stay together as one unit of their hub's bucket (or of the loose tables).
  const buckets = new Map<string, string[][]>();
  const loose: string[][] = [];
  const parts: string[][] = [];
  for (const community of communities) {
    if (community.length >= MIN_COMMUNITY) {
      parts.push(community);
      continue;
    }
    const hub = primaryHub(community, relations, hubs, hubRank);
    if (hub === null) loose.push(community);
    else buckets.set(hub, [...(buckets.get(hub) ?? []), community]);
  }
  // Each hub of this schema leads the tables that reference only it, else joins the part most related to it.
  const leading = new Map<string, string[]>();
  for (const hub of ids.filter((id) => hubs.has(id)).sort((a, b) => (hubRank.get(a) ?? 0) - (hubRank.get(b) ?? 0))) {
    if (buckets.has(hub)) {
      leading.set(hub, [hub]);
      continue;
    }
    const related = mostRelatedPart(hub, parts, inner);
    if (related) related.push(hub);
    else loose.push([hub]);
  }
  const chunked: string[][] = [];
  // A bucket has no structure to cut along: it is chunked where its units' ids say (stable-chunks.ts).
  for (const hub of [...buckets.keys()].sort((a, b) => (hubRank.get(a) ?? 0) - (hubRank.get(b) ?? 0))) {
    const runs = stableChunks(buckets.get(hub) ?? [], weight, AREA_ROW_BUDGET);
    (runs[0] as string[]).unshift(...(leading.get(hub) ?? []));
    chunked.push(...runs);
  }
  if (loose.length > 0) chunked.push(...stableChunks(loose.sort((a, b) => compareStrings(a[0] ?? '', b[0] ?? '')), weight, AREA_ROW_BUDGET));

  // Each family is cut (and its pieces joined again) on its own: a table added to one family changes no other.
  // A family with a core is cut along its core only, each piece taking the trees that hang from it: the
  // pieces then depend on the trees' rows, not on which trees there are.
  const bundle = new Map(weight);
  for (const [id, anchor] of forest.anchorOf) {
    if (!coreSet.has(anchor)) continue;
    bundle.set(anchor, (bundle.get(anchor) ?? 0) + (weight.get(id) ?? 0));
    bundle.set(id, 0);
  }
  const cutFamily = (family: string[]): string[][] => {
    const spine = family.filter((id) => coreSet.has(id) || hubs.has(id));
    if (rowsOf(family, weight) <= AREA_ROW_BUDGET || !spine.some((id) => coreSet.has(id))) return fitToBudget(family, inner, weight, hubs);
    return fitToBudget(spine, coreRelations, bundle, hubs).flatMap((piece) => {
      const inPiece = new Set(piece);
      const withTrees = [...piece, ...family.filter((id) => inPiece.has(forest.anchorOf.get(id) ?? ''))].sort(compareStrings);
      // A core table whose trees alone overflow the budget: its trees are cut too.
      return rowsOf(withTrees, weight) <= AREA_ROW_BUDGET ? [withTrees] : fitToBudget(withTrees, inner, weight, hubs);
    });
  };
  return { parts: [...parts.flatMap(cutFamily), ...chunked], core: coreSet };
}

/**
 * Louvain at a fine resolution leaves pieces smaller than need be: joins the most related pair of pieces
 * whose rows fit the budget together, until no pair does. Pieces with no relation between them stay apart.
 */
function mergeRelated(pieces: string[][], relations: readonly DiagramRelation[], weight: ReadonlyMap<string, number>, budget: number): string[][] {
  const rows = pieces.map((p) => p.reduce((sum, id) => sum + (weight.get(id) ?? 0), 0));
  const pieceOf = new Map<string, number>();
  pieces.forEach((p, i) => p.forEach((id) => pieceOf.set(id, i)));
  const links = new Map<number, Map<number, number>>();
  const link = (a: number, b: number, w: number): void => {
    const row = links.get(a) ?? new Map<number, number>();
    row.set(b, (row.get(b) ?? 0) + w);
    links.set(a, row);
  };
  for (const r of relations) {
    const a = pieceOf.get(r.from);
    const b = pieceOf.get(r.to);
    if (a === undefined || b === undefined || a === b) continue;
    link(a, b, 1);
    link(b, a, 1);
  }
  const alive = pieces.map(() => true);
  for (;;) {
    let best: [number, number] | null = null;
    let bestScore = 0;
    for (const [a, row] of links) {
      for (const [b, w] of row) {
        if (b <= a || (rows[a] ?? 0) + (rows[b] ?? 0) > budget) continue;
        // Relations per row of the smaller piece: small pieces join the piece they belong with first.
        const score = w / Math.min(rows[a] ?? 1, rows[b] ?? 1);
        if (score > bestScore + 1e-12) {
          best = [a, b];
          bestScore = score;
        }
      }
    }
    if (best === null) break;
    const [a, b] = best;
    (pieces[a] as string[]).push(...(pieces[b] as string[]));
    rows[a] = (rows[a] ?? 0) + (rows[b] ?? 0);
    alive[b] = false;
    for (const [c, w] of links.get(b) ?? []) {
      links.get(c)?.delete(b);
      if (c === a) continue;
      link(a, c, w);
      link(c, a, w);
    }
    links.delete(b);
    links.get(a)?.delete(a);
  }
  return pieces.filter((_, i) => alive[i]).map((p) => p.sort(compareStrings));
}

/** Pieces of one part that no relation joins: first-fit into as few areas as the budget allows, in order. */
function packSmall(pieces: string[][], weight: ReadonlyMap<string, number>, budget: number): string[][] {
  const rows = (ids: readonly string[]): number => ids.reduce((sum, id) => sum + (weight.get(id) ?? 0), 0);
  const bins: string[][] = [];
  for (const piece of [...pieces].sort((a, b) => rows(b) - rows(a) || compareStrings(a[0] ?? '', b[0] ?? ''))) {
    const bin = bins.find((b) => rows(b) + rows(piece) <= budget);
    if (bin) bin.push(...piece);
    else bins.push([...piece]);
  }
  return bins.map((b) => b.sort(compareStrings));
}

/** Louvain communities (resolution `resolution`), each sorted, ordered by their first id. */
function communitiesOf(ids: readonly string[], relations: readonly DiagramRelation[], resolution: number): string[][] {
  const graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
  for (const id of [...ids].sort(compareStrings)) graph.addNode(id);
  for (const r of relations) {
    if (!graph.hasNode(r.from) || !graph.hasNode(r.to)) continue;
    if (graph.hasEdge(r.from, r.to)) graph.updateEdgeAttribute(r.from, r.to, 'weight', (w) => (w ?? 0) + 1);
    else graph.addEdge(r.from, r.to, { weight: 1 });
  }
  const found = new Map<number, string[]>();
  const assignment = graph.size === 0 ? {} : louvain(graph, { getEdgeWeight: 'weight', randomWalk: false, resolution, rng: NO_RANDOMNESS });
  for (const id of graph.nodes()) {
    // Louvain may lump tables without an edge together; each is a community of its own.
    const community = graph.degree(id) === 0 ? -1 - found.size : (assignment[id] ?? -1 - found.size);
    found.set(community, [...(found.get(community) ?? []), id]);
  }
  return [...found.values()].map((c) => c.sort(compareStrings)).sort((a, b) => compareStrings(a[0] ?? '', b[0] ?? ''));
}

/** Splits a part until every piece is within the row budget: finer communities, then runs in id order. */
function fitToBudget(
  part: string[],
  relations: readonly DiagramRelation[],
  weight: ReadonlyMap<string, number>,
  hubs: ReadonlySet<string>,
  resolution = 2,
  budget = AREA_ROW_BUDGET,
): string[][] {
  const rows = (ids: readonly string[]): number => ids.reduce((sum, id) => sum + (weight.get(id) ?? 0), 0);
  if (rows(part) <= budget || part.length === 1) return [part];
  const members = new Set(part);
  const inner = relations.filter((r) => members.has(r.from) && members.has(r.to) && !hubs.has(r.from) && !hubs.has(r.to));
  if (resolution <= MAX_RESOLUTION && inner.length > 0) {
    const finer = communitiesOf(part.filter((id) => !hubs.has(id)), inner, resolution);
    if (finer.length > 1 && finer.every((c) => c.length > 1 || finer.length > 2)) {
      const partHubs = part.filter((id) => hubs.has(id));
      if (partHubs.length > 0) (finer[0] as string[]).unshift(...partHubs);
      const pieces = finer.flatMap((c) => fitToBudget(c, relations, weight, hubs, resolution * 2, budget));
      return packSmall(mergeRelated(pieces, inner, weight, budget), weight, budget);
    }
    return fitToBudget(part, relations, weight, hubs, resolution * 2, budget);
  }
  // No structure left to cut along: runs in id order (hubs first, they anchor the first run), cut where the
  // ids say (stable-chunks.ts), so a table added to the part changes its own run only.
  const partHubs = part.filter((id) => hubs.has(id));
  const runs = stableChunks(part.filter((id) => !hubs.has(id)).sort(compareStrings).map((id) => [id]), weight, budget);
  if (runs.length === 0) return [partHubs];
  (runs[0] as string[]).unshift(...partHubs);
  return runs;
}

/** Hubs by incoming relations, most first (ties by id): the order hubs claim their satellites in. */
function hubOrder(relations: readonly DiagramRelation[], hubs: ReadonlySet<string>): Map<string, number> {
  const incoming = new Map<string, number>();
  for (const r of relations) if (hubs.has(r.to) && r.from !== r.to) incoming.set(r.to, (incoming.get(r.to) ?? 0) + 1);
  const order = [...hubs].sort((a, b) => (incoming.get(b) ?? 0) - (incoming.get(a) ?? 0) || compareStrings(a, b));
  return new Map(order.map((id, i) => [id, i]));
}

/** The hub the tables `group` are related to most (ties: the busier hub); null when they relate to none. */
function primaryHub(group: readonly string[], relations: readonly DiagramRelation[], hubs: ReadonlySet<string>, rank: ReadonlyMap<string, number>): string | null {
  const members = new Set(group);
  const counts = new Map<string, number>();
  for (const r of relations) {
    const other = members.has(r.from) ? r.to : members.has(r.to) ? r.from : null;
    if (other !== null && !members.has(other) && hubs.has(other)) counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [hub, n] of counts) {
    const bestCount = best === null ? -1 : (counts.get(best) ?? 0);
    if (n > bestCount || (n === bestCount && (rank.get(hub) ?? 0) < (rank.get(best ?? '') ?? 0))) best = hub;
  }
  return best;
}

function mostRelatedPart(hub: string, parts: string[][], relations: readonly DiagramRelation[]): string[] | null {
  let best: string[] | null = null;
  let bestCount = 0;
  for (const part of parts) {
    const members = new Set(part);
    const n = relations.filter((r) => (r.to === hub && members.has(r.from)) || (r.from === hub && members.has(r.to))).length;
    if (n > bestCount) {
      best = part;
      bestCount = n;
    }
  }
  return best;
}

/**
 * The area's hub, else its table with the most relations inside the area (ties by id); of its 2-core tables
 * by their relations within the core when it has some, so a pendant table added to the area leaves its name.
 */
function mostCentral(members: readonly string[], relations: readonly DiagramRelation[], hubs: ReadonlySet<string>, core: ReadonlySet<string>): string {
  const hub = members.find((id) => hubs.has(id));
  if (hub !== undefined) return hub;
  const set = new Set(members);
  const degrees = (counted: (id: string) => boolean): Map<string, number> => {
    const degree = new Map<string, number>();
    for (const r of relations) {
      if (!set.has(r.from) || !set.has(r.to) || r.from === r.to || !counted(r.from) || !counted(r.to)) continue;
      degree.set(r.from, (degree.get(r.from) ?? 0) + 1);
      degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
    }
    return degree;
  };
  const inCore = members.filter((id) => core.has(id));
  const candidates = inCore.length > 0 ? inCore : members;
  const degree = degrees(inCore.length > 0 ? (id) => core.has(id) : () => true);
  return [...candidates].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || compareStrings(a, b))[0] ?? '';
}

function uniqueKeys(areas: DiagramArea[]): DiagramArea[] {
  const seen = new Map<string, number>();
  return areas.map((a) => {
    const n = (seen.get(a.key) ?? 0) + 1;
    seen.set(a.key, n);
    return n === 1 ? a : { ...a, key: `${a.key}-${n}` };
  });
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'area';
}
