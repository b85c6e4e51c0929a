export interface MarkdownBlock {
  kind: 'heading' | 'text';
  /** The block's source lines joined back into one line: hard wrapping undone. */
  text: string;
}

const BLANK = /^\s*$/;
const HEADING = /^ {0,3}#{1,6}(?:\s+|$)/;
const RULE = /^ {0,3}([-*_=])(?:\s*\1){2,}\s*$/;
const BULLET = /^ {0,3}[-*+]\s+/;
const ORDERED = /^ {0,3}(\d{1,9}[.)])\s+/;
const FIRST_ORDERED = /^ {0,3}1[.)]\s+/;
const QUOTE = /^ {0,3}>\s?/;
// Blocks of markup that hold no statement text: a photo and its caption, scripts, comments.
const SKIPPED_HTML = /^ {0,3}<(figure|script|style|!--)/i;
const SKIPPED_END: Record<string, RegExp> = { figure: /<\/figure>/i, script: /<\/script>/i, style: /<\/style>/i, '!--': /-->/ };
// Two trailing spaces or a backslash: a hard line break, which ends the paragraph line here.
const HARD_BREAK = /(?: {2,}|\\)$/;

/**
 * The blocks of a Markdown body in order. Blank lines separate paragraphs and the hard-wrapped
 * lines of one paragraph are joined with a space. Every list item and every hard-broken line
 * is a block of its own (a list of participants is one name a line, not one run-on sentence);
 * bullets are dropped, item numbers kept as written. Inline markup is left for `inlineText`.
 */
export function markdownBlocks(body: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let lines: string[] = [];
  let inItem = false;
  let skipUntil: RegExp | null = null;
  const end = (): void => {
    const text = lines.map((line) => line.trim()).join(' ').trim();
    if (text) blocks.push({ kind: 'text', text });
    lines = [];
    inItem = false;
  };
  // As in CommonMark, "3) what" inside a wrapped sentence is not a list item: a numbered
  // item interrupts running text only when it is "1." or the text is itself a list item.
  const startsItem = (line: string): boolean =>
    BULLET.test(line) || (ORDERED.test(line) && (lines.length === 0 || inItem || FIRST_ORDERED.test(line)));
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (skipUntil) {
      if (skipUntil.test(line)) skipUntil = null;
      continue;
    }
    const skipped = SKIPPED_HTML.exec(line);
    if (skipped) {
      end();
      const closing = SKIPPED_END[skipped[1]!.toLowerCase()]!;
      if (!closing.test(line)) skipUntil = closing;
      continue;
    }
    if (BLANK.test(line) || RULE.test(line)) {
      end();
      continue;
    }
    if (HEADING.test(line)) {
      end();
      blocks.push({ kind: 'heading', text: line.replace(HEADING, '').replace(/\s+#+\s*$/, '').trim() });
      continue;
    }
    const item = startsItem(line);
    if (item) end();
    inItem ||= item;
    const content = item ? line.replace(BULLET, '').replace(ORDERED, '$1 ') : line.replace(QUOTE, '');
    lines.push(content.replace(/\\$/, ''));
    if (HARD_BREAK.test(line)) end();
  }
  end();
  return blocks;
}
