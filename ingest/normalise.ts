// Zero-width and BOM characters carry no text and break phrase matching.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// \s holds the no-break and typographic spaces too (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000).
const SPACES = /\s+/g;
// What SPACES would change: a space other than U+0020, or two in a row.
const UNCOLLAPSED = /[^\S ]| {2}/;
// What any step could change, in one scan: a character outside Latin-1 (Latin-1 is NFC as it
// stands, and every invisible character but the soft hyphen lies beyond it), the soft hyphen,
// or what SPACES would change. Most paragraphs hold none of these and are only trimmed.
const NEEDS_WORK = /[^\x00-\xff]|\u00ad|[^\S ]| {2}/;

/** One paragraph as indexed: Unicode NFC, invisible characters gone, whitespace collapsed; quotes kept as written. */
export function normaliseParagraph(text: string): string {
  if (!NEEDS_WORK.test(text)) return text.trim();
  const visible = text.normalize('NFC').replace(INVISIBLE, '');
  return (UNCOLLAPSED.test(visible) ? visible.replace(SPACES, ' ') : visible).trim();
}

// A line that ends a sentence (closing quotes and brackets allowed after the mark).
const SENTENCE_END = /[.!?:;]["'”’)\]]*\s*$/u;

/**
 * Plain text to paragraphs. A blank line always ends a paragraph; so does a line break after
 * the end of a sentence. A break in mid-sentence is a hard wrap (text extracted from PDFs, as
 * in the UN General Debate files of 2010–2014) and is joined back. Text with one paragraph a
 * line, like the seed statement, ends every line with a sentence and keeps its lines apart.
 */
export function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const close = (): void => {
    const paragraph = normaliseParagraph(current.join(' '));
    if (paragraph.length > 0) paragraphs.push(paragraph);
    current = [];
  };
  for (const line of text.split(/\r\n?|\n/)) {
    if (line.trim().length === 0) {
      close();
      continue;
    }
    current.push(line);
    if (SENTENCE_END.test(line)) close();
  }
  close();
  return paragraphs;
}
