/**
 * Hub tables: tables referenced by a large share of a group's relations (`organizations` in a multi-tenant
 * schema). In a layered pass their relations become long edges across every layer and cause most crossings,
 * so the group layout leaves them out of it and places them on a spine between the other tables.
 */
import type { DiagramRelation } from '../../model/diagram.js';

/** A hub is referenced by at least this many relations from other tables... */
export const HUB_MIN_REFERENCES = 20;
/** ...and by at least this share of the group's relations. */
export const HUB_MIN_SHARE = 0.08;
/** The spine stays short: only the most referenced tables become hubs. */
export const MAX_HUBS = 6;

/** Hub ids, most referenced first (ties by id). */
export function findHubs(relations: readonly Pick<DiagramRelation, 'from' | 'to'>[]): string[] {
  const references = new Map<string, number>();
  for (const r of relations) {
    if (r.from !== r.to) references.set(r.to, (references.get(r.to) ?? 0) + 1);
  }
  const threshold = Math.max(HUB_MIN_REFERENCES, HUB_MIN_SHARE * relations.length);
  return [...references.entries()]
    .filter(([, count]) => count >= threshold)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_HUBS)
    .map(([id]) => id);
}
