/**
 * "Did you mean" hints for misspelled table and schema names in filters.
 */
import { compareStrings } from '../util/compare.js';

/** Up to `limit` candidates close to `input` (case-insensitive edit distance), closest first. */
export function closeNames(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const threshold = Math.max(2, Math.floor(needle.length / 3));
  const scored: Array<{ name: string; distance: number }> = [];
  for (const name of candidates) {
    const lower = name.toLowerCase();
    // The bare table name of `schema.table` is compared too, so `usres` finds `public.users`.
    const bare = lower.slice(lower.lastIndexOf('.') + 1);
    const distance = Math.min(editDistance(needle, lower), editDistance(needle, bare));
    if (distance <= threshold) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || compareStrings(a.name, b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** `; did you mean a, b?` or the empty string. */
export function suggestionSuffix(input: string, candidates: Iterable<string>): string {
  const close = closeNames(input, candidates);
  return close.length === 0 ? '' : `; did you mean ${close.join(', ')}?`;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
