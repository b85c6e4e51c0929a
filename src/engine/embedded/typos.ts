import type { IndexSettings } from '../settings.js';

/** How many typos a word may carry, by Meilisearch's rule (by default 1 from 5 letters, 2 from 9). */
export function allowedTypos(term: string, settings: IndexSettings['typoTolerance']): number {
  if (!settings.enabled || settings.disableOnWords.includes(term)) return 0;
  const length = [...term].length;
  if (length >= settings.minWordSizeForTypos.twoTypos) return 2;
  if (length >= settings.minWordSizeForTypos.oneTypo) return 1;
  return 0;
}

/**
 * Damerau–Levenshtein distance (adjacent transposition counts as one typo, as in Meilisearch),
 * abandoned early once it must exceed `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

const MAX_CACHED = 10_000;

/**
 * The index's terms, bucketed by first letter: Meilisearch counts a typo on the first
 * letter as two, so a one-typo word only needs the bucket of its own first letter.
 */
export class Vocabulary {
  private readonly byFirst = new Map<string, string[]>();
  private readonly all: string[] = [];
  // Queries repeat (typing, paging, dashboards): each scan of the vocabulary is kept.
  private readonly found = new Map<string, string[]>();
  private readonly known = new Set<string>();

  constructor(termList: Iterable<string>) {
    this.add(termList);
  }

  /**
   * Terms the index has gained since. A term it lost stays: as a typo variant it matches nothing,
   * and the vocabulary is built anew after a large change.
   */
  add(termList: Iterable<string>): void {
    const before = this.all.length;
    for (const term of termList) {
      if (this.known.has(term)) continue;
      this.known.add(term);
      this.all.push(term);
      const first = term[0] ?? '';
      const bucket = this.byFirst.get(first);
      if (bucket) bucket.push(term);
      else this.byFirst.set(first, [term]);
    }
    // Variants found before may lack the new terms.
    if (this.all.length > before) this.found.clear();
  }

  /** Indexed terms within the allowed typos of `term`, the term itself excluded. */
  variants(term: string, typos: number): string[] {
    if (typos === 0) return [];
    const key = `${typos}:${term}`;
    const cached = this.found.get(key);
    if (cached) return cached;
    if (this.found.size >= MAX_CACHED) this.found.clear();
    const variants = this.scan(term, typos);
    this.found.set(key, variants);
    return variants;
  }

  private scan(term: string, typos: number): string[] {
    const sameFirst = this.byFirst.get(term[0] ?? '') ?? [];
    const found = sameFirst.filter((candidate) => candidate !== term && typoDistance(term, candidate, typos) <= typos);
    if (typos < 2) return found;
    // With two typos allowed, the first letter itself may be the (double-counted) typo.
    const rest = term.slice(1);
    const otherFirst = this.all.filter(
      (candidate) => candidate.length === term.length && candidate[0] !== term[0] && candidate.endsWith(rest),
    );
    return [...found, ...otherFirst];
  }
}
