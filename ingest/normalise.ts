// Zero-width and BOM characters carry no text and break phrase matching.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/gu;

/** One paragraph as indexed: Unicode NFC, invisible characters gone, whitespace collapsed; quotes kept as written. */
export function normaliseParagraph(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/**
 * Plain text to paragraphs. Blank lines separate paragraphs, and the lines of one block are
 * hard-wrapped text joined back together; a text with no blank line between its lines has
 * one paragraph a line (as the seed statement does).
 */
export function splitParagraphs(text: string): string[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim().length > 0))
    .filter((lines) => lines.length > 0);
  const paragraphs = blocks.length === 1 ? (blocks[0] ?? []) : blocks.map((lines) => lines.join(' '));
  return paragraphs.map(normaliseParagraph).filter((paragraph) => paragraph.length > 0);
}
