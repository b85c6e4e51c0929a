import { escapeHtml } from '../escape-html.js';
/**
 * Meilisearch returns `_formatted` text unescaped, with our tags around matches. Control
 * characters as tags let us escape everything first and only then turn the tags into markup.
 */
export const preTag = '\u0002';
export const postTag = '\u0003';


/**
 * Formatted text as safe HTML: every character escaped, the tags turned into `<mark>`.
 *
 * @example toMarkedHtml('a \u0002<b>\u0003 & c') // 'a <mark>&lt;b&gt;</mark> &amp; c'
 */
export function toMarkedHtml(formatted: string): string {
  return escapeHtml(formatted).replaceAll(preTag, '<mark>').replaceAll(postTag, '</mark>');
}

/**
 * A window of `words` words of formatted text around its first match (its start when nothing
 * matched), with `marker` where text was cut. The window never starts after the first match, so
 * only its end can cut a mark, which is then closed.
 */
export function cropAroundFirstMatch(formatted: string, words: number, marker: string): string {
  const all = formatted.split(/\s+/).filter((w) => w.length > 0);
  if (all.length <= words) return formatted;
  const first = Math.max(0, all.findIndex((w) => w.includes(preTag)));
  // A third of the window before the match, as the embedded engine does, so both crop alike.
  const start = Math.min(Math.max(0, first - Math.floor(words / 3)), all.length - words);
  const end = start + words;
  const window = all.slice(start, end).join(' ');
  const markOpen = window.lastIndexOf(preTag) > window.lastIndexOf(postTag);
  return (start > 0 ? marker : '') + window + (markOpen ? postTag : '') + (end < all.length ? marker : '');
}

/**
 * The hit's whole text and its snippet as safe HTML. In a text that itself holds a tag character
 * the marks cannot be told from the text, so it is shown unmarked, without those control characters.
 */
export function renderHighlights(
  text: string,
  formatted: string | undefined,
  crop: { words: number; marker: string },
): { highlighted: string; snippet: string } {
  const source = formatted === undefined || text.includes(preTag) || text.includes(postTag) ? text.replaceAll(preTag, '').replaceAll(postTag, '') : formatted;
  return {
    highlighted: toMarkedHtml(source),
    snippet: toMarkedHtml(cropAroundFirstMatch(source, crop.words, crop.marker)),
  };
}
