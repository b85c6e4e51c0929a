import { tokenize, type Token } from '../../query/tokens.js';
import { escapeHtml } from '../escape-html.js';
import type { MatchTerms } from './match-expression.js';

type Span = [start: number, end: number];

function termMatches(token: Token | undefined, term: string, prefix: boolean): boolean {
  if (!token) return false;
  return prefix ? token.term.startsWith(term) : token.term === term;
}

/** Character spans of the tokens that the query matched, in order and not overlapping. */
function matchSpans(tokens: Token[], match: MatchTerms): Span[] {
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

/**
 * About `words` words of the text around its first match (the opening when nothing
 * matched), escaped and marked, with `…` where the text was cut.
 */
function snippet(text: string, tokens: Token[], spans: Span[], words: number): string {
  if (tokens.length <= words) return render(text, spans, 0, text.length);
  const firstMatch = spans[0]?.[0] ?? 0;
  const hitIndex = Math.max(0, tokens.findIndex((token) => token.end > firstMatch));
  const startIndex = Math.max(0, Math.min(hitIndex - Math.floor(words / 3), tokens.length - words));
  const endIndex = Math.min(tokens.length - 1, startIndex + words - 1);
  const from = startIndex === 0 ? 0 : (tokens[startIndex]?.start ?? 0);
  const to = endIndex === tokens.length - 1 ? text.length : (tokens[endIndex]?.end ?? text.length);
  return `${from > 0 ? '…' : ''}${render(text, spans, from, to)}${to < text.length ? '…' : ''}`;
}

/**
 * A hit's text marked for display: `highlighted` is the whole text, escaped, with every
 * match in `<mark>`; `snippet` is about `words` words around the first match. The text is
 * tokenized once for both: on a page of long paragraphs, tokenizing was most of the cost.
 */
export function markText(text: string, match: MatchTerms, words = 30): { highlighted: string; snippet: string } {
  const tokens = tokenize(text);
  const spans = matchSpans(tokens, match);
  return { highlighted: render(text, spans, 0, text.length), snippet: snippet(text, tokens, spans, words) };
}
