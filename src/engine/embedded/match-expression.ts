import type { Clause, Operand, ParsedQuery, Term } from '../../query/parse.js';
import { terms } from '../../query/tokens.js';
import type { IndexSettings } from '../settings.js';
import { allowedTypos, type Vocabulary } from './typos.js';

/** What to mark in a hit: single terms, prefixes, and runs of adjacent terms. */
export interface MatchTerms {
  exact: Set<string>;
  prefixes: string[];
  sequences: { terms: string[]; prefixLast: boolean }[];
}

export interface CompiledQuery {
  /** The FTS5 MATCH expression every hit must satisfy; null matches every document. */
  match: string | null;
  /** FTS5 expressions of excluded clauses: a hit matches none of them. */
  exclude: string[];
  /** The query with no typo and no prefix: hits matching it rank first (Meilisearch's typo and exactness rules). */
  exact: string | null;
  /** The query's words close together: hits matching it rank before those where they lie apart (proximity rule). */
  proximity: string | null;
  highlight: MatchTerms;
}

const quote = (term: string): string => `"${term}"`;
const phrase = (list: string[], prefix = false): string => `"${list.join(' ')}"${prefix ? '*' : ''}`;

/** Words per extra query word within which the words count as close together. */
const CLOSE = 4;

/** Synonyms keyed by their folded terms (`tehrik i taliban pakistan`), each a list of folded alternatives. */
function foldSynonyms(synonyms: IndexSettings['synonyms']): Map<string, string[][]> {
  const folded = new Map<string, string[][]>();
  for (const [key, values] of Object.entries(synonyms)) {
    folded.set(terms(key).join(' '), values.map((value) => terms(value)));
  }
  return folded;
}

/** The operand a clause is made of, when it is one plain typed word. */
const plainWord = (clause: Clause): Extract<Operand, { kind: 'word' }> | null => {
  const [only, ...rest] = clause.alternatives;
  return rest.length === 0 && only?.kind === 'word' ? only : null;
};

const noMarks = (): MatchTerms => ({ exact: new Set(), prefixes: [], sequences: [] });

/**
 * Compiles a parsed query to FTS5 expressions, expanding words with their typo variants
 * from the index's vocabulary and with the synonyms of `index-settings/`.
 */
export class MatchCompiler {
  private readonly synonyms: Map<string, string[][]>;
  private readonly stopWords: Set<string>;
  private readonly maxSynonymWords: number;

  constructor(
    private readonly settings: IndexSettings,
    private readonly vocabulary: () => Vocabulary,
  ) {
    this.synonyms = foldSynonyms(settings.synonyms);
    this.stopWords = new Set(settings.stopWords.map((word) => terms(word).join(' ')));
    this.maxSynonymWords = Math.max(1, ...[...this.synonyms.keys()].map((key) => key.split(' ').length));
  }

  compile(parsed: ParsedQuery): CompiledQuery {
    const highlight = noMarks();
    const positive = this.mergeSynonymRuns(this.withoutStopWords(parsed.clauses.filter((c) => !c.negated)));
    const and = (parts: string[]): string | null => (parts.length > 0 ? parts.map((p) => `(${p})`).join(' AND ') : null);
    const exclude = parsed.clauses
      .filter((clause) => clause.negated)
      .map((clause) => this.clauseExpression(clause, noMarks(), false));
    return {
      match: and(positive.map((clause) => this.clauseExpression(clause, highlight, true))),
      exclude,
      exact: and(positive.map((clause) => this.clauseExpression(clause, noMarks(), false))),
      proximity: this.proximity(positive),
      highlight,
    };
  }

  private proximity(clauses: Clause[]): string | null {
    const words = clauses.map(plainWord);
    if (words.length < 2 || words.some((word) => word === null)) return null;
    const phrases = words.map((word) => phrase(word?.terms ?? [], word?.prefix ?? false));
    return `NEAR(${phrases.join(' ')}, ${CLOSE * (phrases.length - 1)})`;
  }

  /** Stop words are ignored unless the query has nothing else. */
  private withoutStopWords(clauses: Clause[]): Clause[] {
    const isStop = (clause: Clause): boolean => {
      const word = plainWord(clause);
      return word !== null && this.stopWords.has(word.terms.join(' '));
    };
    const kept = clauses.filter((clause) => !isStop(clause));
    return kept.length > 0 ? kept : clauses;
  }

  /** Consecutive plain words that spell a multi-word synonym key become one clause. */
  private mergeSynonymRuns(clauses: Clause[]): Clause[] {
    const merged: Clause[] = [];
    for (let i = 0; i < clauses.length; i += 1) {
      let taken = 0;
      for (let width = Math.min(this.maxSynonymWords, clauses.length - i); width >= 2 && taken === 0; width -= 1) {
        const run = clauses.slice(i, i + width).map(plainWord);
        if (run.some((word) => word === null)) continue;
        const runTerms = run.flatMap((word) => word?.terms ?? []);
        if (this.synonyms.has(runTerms.join(' '))) {
          const raw = run.map((word) => word?.raw ?? '').join(' ');
          merged.push({ negated: false, alternatives: [{ kind: 'phrase', raw, terms: runTerms }] });
          taken = width;
        }
      }
      const clause = clauses[i];
      if (taken > 0) i += taken - 1;
      else if (clause) merged.push(clause);
    }
    return merged;
  }

  private clauseExpression(clause: Clause, highlight: MatchTerms, tolerant: boolean): string {
    return clause.alternatives.flatMap((term) => this.termExpressions(term, highlight, tolerant)).join(' OR ');
  }

  /** `tolerant` adds typo variants and the prefix; without it a term matches only as typed. */
  private termExpressions(term: Term, highlight: MatchTerms, tolerant: boolean): string[] {
    if (term.kind === 'near') {
      const operands = term.operands.map((operand) => {
        const prefix = tolerant && operand.kind === 'word' && operand.prefix;
        highlight.sequences.push({ terms: operand.terms, prefixLast: prefix });
        return phrase(operand.terms, prefix);
      });
      return [`NEAR(${operands.join(' ')}, ${term.distance})`];
    }
    const synonymExpressions = (this.synonyms.get(term.terms.join(' ')) ?? []).map((alternative) => {
      highlight.sequences.push({ terms: alternative, prefixLast: false });
      return alternative.length === 1 ? quote(alternative[0] ?? '') : phrase(alternative);
    });
    const prefix = tolerant && term.kind === 'word' && term.prefix;
    const [single] = term.terms;
    if (term.kind === 'phrase' || term.terms.length > 1 || single === undefined) {
      highlight.sequences.push({ terms: term.terms, prefixLast: prefix });
      return [phrase(term.terms, prefix), ...synonymExpressions];
    }
    const typos = tolerant ? allowedTypos(single, this.settings.typoTolerance) : 0;
    const variants = [single, ...this.vocabulary().variants(single, typos)];
    for (const variant of variants) highlight.exact.add(variant);
    const expressions = variants.map(quote);
    if (prefix) {
      highlight.prefixes.push(single);
      expressions.push(`${quote(single)}*`);
    }
    return [...expressions, ...synonymExpressions];
  }
}
