import { isTag, isText, type AnyNode } from 'domhandler';

// Elements that end one paragraph and start another, as a browser lays them out.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tr', 'ul',
]);
// Table cells sit side by side: a space between them, not a paragraph break.
const CELL = new Set(['td', 'th']);
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/**
 * The paragraphs of an element, in reading order. Block elements and runs of two or more
 * `<br>` separate paragraphs (old CMS pages put a whole transcript in one `<p>` split by
 * `<br><br>`); a single `<br>` stays inside its paragraph as "\n", for the Q&A splitter to
 * see a speaker's turn that starts on its own line.
 */
export function blockParagraphs(root: AnyNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    for (const piece of current.split(/\n\s*\n/)) {
      const text = piece.replace(/^\s+|\s+$/g, '');
      if (text) paragraphs.push(text);
    }
    current = '';
  };
  const walk = (node: AnyNode): void => {
    if (isText(node)) {
      // Source line breaks are HTML whitespace; only <br> makes a line.
      current += node.data.replace(/[ \t\n\r\f]+/g, ' ');
      return;
    }
    if (!isTag(node) || INVISIBLE.has(node.name)) return;
    if (node.name === 'br') {
      current += '\n';
      return;
    }
    const block = BLOCK.has(node.name);
    if (block) flush();
    if (CELL.has(node.name)) current += ' ';
    for (const child of node.children) walk(child);
    if (block) flush();
    if (CELL.has(node.name)) current += ' ';
  };
  walk(root);
  flush();
  return paragraphs;
}
