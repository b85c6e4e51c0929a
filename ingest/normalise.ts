// Zero-width and BOM characters carry no text and break phrase matching.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/gu;

/** One paragraph as indexed: Unicode NFC, invisible characters gone, whitespace collapsed; quotes kept as written. */
export function normaliseParagraph(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
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
