import { AppError } from '../errors.js';
import { terms } from './tokens.js';

/**
 * A word the user typed (which may fold to several terms: `al-Ahrar` is `al ahrar`, matched
 * as adjacent terms) or a quoted phrase, matched exactly, without typos.
 */
export type Operand =
  | { kind: 'word'; raw: string; terms: string[]; prefix: boolean }
  | { kind: 'phrase'; raw: string; terms: string[] };

/** Two operands within `distance` words of each other (`a NEAR/5 b`), matched without typos. */
export type Term = Operand | { kind: 'near'; operands: [Operand, Operand]; distance: number };

/** Alternatives joined by OR; a negated clause excludes what it matches. */
export interface Clause {
  negated: boolean;
  alternatives: Term[];
}

export interface ParsedQuery {
  clauses: Clause[];
}

/** How far apart `NEAR` without a number lets its operands be (FTS5's default too). */
export const DEFAULT_NEAR = 10;
const MAX_NEAR = 100;

const invalid = (detail: string, position: number): AppError =>
  new AppError('INVALID_QUERY', `${detail} at position ${position + 1}`, { extra: { position: position + 1 } });

type Lexeme =
  | { kind: 'word' | 'phrase'; raw: string; negated: boolean; position: number }
  | { kind: 'or'; position: number }
  | { kind: 'near'; distance: number; position: number };

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
    const near = /^NEAR(?:\/(\d+))?$/.exec(raw);
    // "NEAR/", "NEAR/-1", "NEAR/5x" are mistyped operators, not words to search for.
    if (!negated && !near && raw.startsWith('NEAR/')) throw invalid('NEAR/ takes a whole number of words, such as NEAR/5', i);
    if (!negated && raw === 'OR') lexemes.push({ kind: 'or', position: i });
    else if (!negated && near) {
      const distance = near[1] === undefined ? DEFAULT_NEAR : Number(near[1]);
      if (distance > MAX_NEAR) throw invalid(`NEAR allows at most ${MAX_NEAR} words between its terms`, i);
      lexemes.push({ kind: 'near', distance, position: i });
    } else lexemes.push({ kind: 'word', raw, negated, position: i });
    i = end;
  }
  return lexemes;
}

/**
 * Parses the query language: words (all must match), `"exact phrases"`, `-excluded` words or
 * phrases, `a OR b`, `a NEAR/5 b`, and the last word as a prefix unless the query ends in a space.
 */
export function parseQuery(q: string): ParsedQuery {
  const lexemes = lex(q);
  const endsOpen = q.length > 0 && !/[\s"]$/u.test(q);
  const clauses: Clause[] = [];
  let pending: Extract<Lexeme, { kind: 'or' | 'near' }> | null = null;

  lexemes.forEach((lexeme, index) => {
    if (lexeme.kind === 'or' || lexeme.kind === 'near') {
      const name = lexeme.kind === 'or' ? 'OR' : 'NEAR';
      const previous = clauses.at(-1);
      const next = lexemes[index + 1];
      if (!previous || pending || !next || next.kind === 'or' || next.kind === 'near') {
        throw invalid(`${name} needs a term on each side`, lexeme.position);
      }
      if (previous.negated || next.negated) throw invalid(`${name} cannot join an excluded term`, lexeme.position);
      if (lexeme.kind === 'near' && previous.alternatives.at(-1)?.kind === 'near') {
        throw invalid('NEAR joins exactly two terms', lexeme.position);
      }
      pending = lexeme;
      return;
    }
    const folded = terms(lexeme.raw);
    if (folded.length === 0) {
      if (lexeme.kind === 'phrase') throw invalid('empty phrase', lexeme.position);
      if (pending) throw invalid('this term has no letters or digits to match', lexeme.position);
      return;
    }
    const isLast = index === lexemes.length - 1;
    const operand: Operand =
      lexeme.kind === 'phrase'
        ? { kind: 'phrase', raw: lexeme.raw, terms: folded }
        : { kind: 'word', raw: lexeme.raw, terms: folded, prefix: isLast && endsOpen && !lexeme.negated };
    const previous = clauses.at(-1);
    const op: Extract<Lexeme, { kind: 'or' | 'near' }> | null = pending;
    pending = null;
    if (op?.kind === 'near' && previous) {
      const left = previous.alternatives.pop();
      if (!left || left.kind === 'near') throw invalid('NEAR joins exactly two terms', op.position);
      previous.alternatives.push({ kind: 'near', operands: [left, operand], distance: op.distance });
    } else if (op?.kind === 'or' && previous) previous.alternatives.push(operand);
    else clauses.push({ negated: lexeme.negated, alternatives: [operand] });
  });
  return { clauses };
}
