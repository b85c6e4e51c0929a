import type { Clause, ParsedQuery, Term } from '../../query/parse.js';
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
  highlight: MatchTerms;
}

const quote = (term: string): string => `"${term}"`;
const phrase = (list: string[], prefix = false): string => `"${list.join(' ')}"${prefix ? '*' : ''}`;

/** Synonyms keyed by their folded terms (`tehrik i taliban pakistan`), each a list of folded alternatives. */
function foldSynonyms(synonyms: IndexSettings['synonyms']): Map<string, string[][]> {
  const folded = new Map<string, string[][]>();
  for (const [key, values] of Object.entries(synonyms)) {
    folded.set(terms(key).join(' '), values.map((value) => terms(value)));
  }
  return folded;
}

const isPlainWord = (clause: Clause): boolean =>
  clause.alternatives.length === 1 && clause.alternatives[0]?.kind === 'word';

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
    const highlight: MatchTerms = { exact: new Set(), prefixes: [], sequences: [] };
    const positive = this.mergeSynonymRuns(this.withoutStopWords(parsed.clauses.filter((c) => !c.negated)));
    const parts = positive.map((clause) => this.clauseExpression(clause, highlight));
    const exclude = parsed.clauses
      .filter((clause) => clause.negated)
      .map((clause) => this.clauseExpression(clause, { exact: new Set(), prefixes: [], sequences: [] }));
    return { match: parts.length > 0 ? parts.map((part) => `(${part})`).join(' AND ') : null, exclude, highlight };
  }

  /** Stop words are ignored unless the query has nothing else. */
  private withoutStopWords(clauses: Clause[]): Clause[] {
    const isStop = (clause: Clause): boolean => {
      const term = clause.alternatives[0];
      return isPlainWord(clause) && term !== undefined && this.stopWords.has(term.terms.join(' '));
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
        const run = clauses.slice(i, i + width);
        if (!run.every(isPlainWord)) continue;
        const runTerms = run.flatMap((clause) => clause.alternatives[0]?.terms ?? []);
        if (this.synonyms.has(runTerms.join(' '))) {
          const raw = run.map((clause) => clause.alternatives[0]?.raw ?? '').join(' ');
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

  private clauseExpression(clause: Clause, highlight: MatchTerms): string {
    return clause.alternatives.flatMap((term) => this.termExpressions(term, highlight)).join(' OR ');
  }

  private termExpressions(term: Term, highlight: MatchTerms): string[] {
    const key = term.terms.join(' ');
    const synonymExpressions = (this.synonyms.get(key) ?? []).map((alternative) => {
      highlight.sequences.push({ terms: alternative, prefixLast: false });
      return alternative.length === 1 ? quote(alternative[0] ?? '') : phrase(alternative);
    });
    const prefix = term.kind === 'word' && term.prefix;
    const [single] = term.terms;
    if (term.kind === 'phrase' || term.terms.length > 1 || single === undefined) {
      highlight.sequences.push({ terms: term.terms, prefixLast: prefix });
      return [phrase(term.terms, prefix), ...synonymExpressions];
    }
    const variants = [single, ...this.vocabulary().variants(single, allowedTypos(single, this.settings.typoTolerance))];
    for (const variant of variants) highlight.exact.add(variant);
    const expressions = variants.map(quote);
    if (prefix) {
      highlight.prefixes.push(single);
      expressions.push(`${quote(single)}*`);
    }
    return [...expressions, ...synonymExpressions];
  }
}
