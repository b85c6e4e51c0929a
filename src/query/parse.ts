import { AppError } from '../errors.js';
import { terms } from './tokens.js';

/**
 * A word the user typed (which may fold to several terms: `al-Ahrar` is `al ahrar`, matched
 * as adjacent terms) or a quoted phrase, matched exactly, without typos.
 */
export type Term =
  | { kind: 'word'; raw: string; terms: string[]; prefix: boolean }
  | { kind: 'phrase'; raw: string; terms: string[] };

/** Alternatives joined by OR; a negated clause excludes what it matches. */
export interface Clause {
  negated: boolean;
  alternatives: Term[];
}

export interface ParsedQuery {
  clauses: Clause[];
}

const invalid = (detail: string, position: number): AppError =>
  new AppError('INVALID_QUERY', `${detail} at position ${position + 1}`, { extra: { position: position + 1 } });

interface Lexeme {
  kind: 'word' | 'phrase' | 'or';
  raw: string;
  negated: boolean;
  position: number;
}

function lex(q: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] ?? '';
    if (/\s/u.test(ch)) {
      i += 1;
      continue;
    }
    const negated = ch === '-' && i + 1 < q.length && !/\s/u.test(q[i + 1] ?? '');
    const start = negated ? i + 1 : i;
    if (q[start] === '"') {
      const close = q.indexOf('"', start + 1);
      if (close < 0) throw invalid('unterminated phrase: a quote opened here is never closed', start);
      lexemes.push({ kind: 'phrase', raw: q.slice(start + 1, close), negated, position: i });
      i = close + 1;
      continue;
    }
    let end = start;
    while (end < q.length && !/\s/u.test(q[end] ?? '') && q[end] !== '"') end += 1;
    const raw = q.slice(start, end);
    lexemes.push({ kind: raw === 'OR' && !negated ? 'or' : 'word', raw, negated, position: i });
    i = end;
  }
  return lexemes;
}

/**
 * Parses the query language: words (all must match), `"exact phrases"`, `-excluded`
 * words or phrases, `a OR b`, and the last word as a prefix unless the query ends in a space.
 */
export function parseQuery(q: string): ParsedQuery {
  const lexemes = lex(q);
  const endsOpen = q.length > 0 && !/[\s"]$/u.test(q);
  const clauses: Clause[] = [];
  let joinNext = false;
  lexemes.forEach((lexeme, index) => {
    if (lexeme.kind === 'or') {
      const previous = clauses.at(-1);
      const next = lexemes[index + 1];
      if (!previous || !next || next.kind === 'or') throw invalid('OR needs a term on each side', lexeme.position);
      if (previous.negated || next.negated) throw invalid('OR cannot join an excluded term', lexeme.position);
      joinNext = true;
      return;
    }
    const folded = terms(lexeme.raw);
    if (folded.length === 0) {
      if (lexeme.kind === 'phrase') throw invalid('empty phrase', lexeme.position);
      return;
    }
    const isLast = index === lexemes.length - 1;
    const term: Term =
      lexeme.kind === 'phrase'
        ? { kind: 'phrase', raw: lexeme.raw, terms: folded }
        : { kind: 'word', raw: lexeme.raw, terms: folded, prefix: isLast && endsOpen && !lexeme.negated };
    const previous = clauses.at(-1);
    if (joinNext && previous) previous.alternatives.push(term);
    else clauses.push({ negated: lexeme.negated, alternatives: [term] });
    joinNext = false;
  });
  return { clauses };
}
