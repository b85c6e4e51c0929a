import { tokenize, type Token } from '../../query/tokens.js';
import { escapeHtml } from '../escape-html.js';
import type { MatchTerms } from './match-expression.js';


type Span = [start: number, end: number];

function termMatches(token: Token | undefined, term: string, prefix: boolean): boolean {
  if (!token) return false;
  return prefix ? token.term.startsWith(term) : token.term === term;
}

/** Character spans of the text that the query matched, in order and not overlapping. */
export function matchSpans(text: string, match: MatchTerms): Span[] {
  const tokens = tokenize(text);
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token) continue;
    let width = 0;
    for (const sequence of match.sequences) {
      const n = sequence.terms.length;
      const fits = sequence.terms.every((term, k) =>
        termMatches(tokens[i + k], term, sequence.prefixLast && k === n - 1),
      );
      if (fits) width = Math.max(width, n);
    }
    if (width === 0 && (match.exact.has(token.term) || match.prefixes.some((p) => token.term.startsWith(p)))) width = 1;
    if (width === 0) continue;
    const last = tokens[i + width - 1] ?? token;
    spans.push([token.start, last.end]);
    i += width - 1;
  }
  return spans;
}

function render(text: string, spans: Span[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [start, end] of spans) {
    if (end <= from || start >= to) continue;
    out += escapeHtml(text.slice(at, Math.max(at, start)));
    out += `<mark>${escapeHtml(text.slice(Math.max(start, from), Math.min(end, to)))}</mark>`;
    at = Math.min(end, to);
  }
  return out + escapeHtml(text.slice(at, to));
}

/** The whole text, escaped, with every match in `<mark>`. */
export const highlight = (text: string, spans: Span[]): string => render(text, spans, 0, text.length);

/**
 * About `words` words of the text around its first match (the opening when nothing
 * matched), escaped and marked, with `…` where the text was cut.
 */
export function snippet(text: string, spans: Span[], words = 30): string {
  const tokens = tokenize(text);
  if (tokens.length <= words) return highlight(text, spans);
  const firstMatch = spans[0]?.[0] ?? 0;
  const hitIndex = Math.max(0, tokens.findIndex((token) => token.end > firstMatch));
  const startIndex = Math.max(0, Math.min(hitIndex - Math.floor(words / 3), tokens.length - words));
  const endIndex = Math.min(tokens.length - 1, startIndex + words - 1);
  const from = startIndex === 0 ? 0 : (tokens[startIndex]?.start ?? 0);
  const to = endIndex === tokens.length - 1 ? text.length : (tokens[endIndex]?.end ?? text.length);
  return `${from > 0 ? '…' : ''}${render(text, spans, from, to)}${to < text.length ? '…' : ''}`;
}
