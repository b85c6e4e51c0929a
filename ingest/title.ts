const MAX_TITLE = 120;

/**
 * A title for a statement that has none: its first sentence, cut at a word boundary
 * so a list of hits stays readable.
 */
export function deriveTitle(firstParagraph: string): string {
  const sentence = firstParagraph.match(/^.+?[.!?](?=\s|$)/u)?.[0] ?? firstParagraph;
  if (sentence.length <= MAX_TITLE) return sentence;
  const cut = sentence.slice(0, MAX_TITLE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_TITLE / 2)).replace(/[\s,;:]+$/u, '')}…`;
}
