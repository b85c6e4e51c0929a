import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const JUNK_TAGS =
  'script, style, noscript, template, iframe, svg, canvas, object, embed, nav, header, footer, aside, ' +
  'button, input, select, textarea, label, [hidden], [aria-hidden="true"], ' +
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [role="menu"], [role="menubar"], ' +
  '[style*="display:none"], [style*="display: none"]';
// Class or id words that mark page furniture rather than the statement.
const JUNK_NAME =
  /(?:^|[-_\s])(nav|navbar|navigation|menu|submenu|breadcrumbs?|crumbs|share|sharing|social|print|footer|header|masthead|sidebar|cookies?|banner|related|pagination|pager|tools?|toolbar|subscribe|newsletter|comments?|skip)(?:[-_\s]|$)/i;
// ...unless they also say they hold the text (Readability's rule: "content-header" may wrap the article).
const CONTENT_NAME = /article|body|content|entry|main|post|story|text/i;
const HOLDS_MAIN = 'main, article, [role="main"]';

const MIN_PARAGRAPH = 25;
const CLIMB = 0.75;

/** Removes navigation, menus, share and print tools, forms and other furniture from under `scope`. */
export function removeJunk($: CheerioAPI, scope: Cheerio<AnyNode>): void {
  scope.find(JUNK_TAGS).remove();
  scope.find('[class], [id]').each((_, element) => {
    const names = `${$(element).attr('class') ?? ''} ${$(element).attr('id') ?? ''}`;
    if (!JUNK_NAME.test(names) || CONTENT_NAME.test(names)) return;
    if ($(element).find(HOLDS_MAIN).length > 0) return;
    $(element).remove();
  });
}

const textLength = ($: CheerioAPI, element: Element): number => $(element).text().replace(/\s+/g, ' ').trim().length;

/** Share of an element's text that is link text: menus and "related" lists are mostly links. */
function linkDensity($: CheerioAPI, element: Element): number {
  const total = textLength($, element);
  if (total === 0) return 1;
  let links = 0;
  $(element).find('a').each((_, a) => {
    links += textLength($, a);
  });
  return Math.min(1, links / total);
}

/**
 * The element holding a page's main text when no site profile says where it is. Looks inside
 * `<article>` or `<main>` when the page has one, then scores elements by the paragraph text
 * they hold (a paragraph counts fully for its parent and half for its grandparent, as in
 * Readability), discounted by their share of link text. Call after `removeJunk`.
 */
export function findMainBlock($: CheerioAPI): Cheerio<AnyNode> {
  const [article] = $('article').toArray().sort((a, b) => textLength($, b) - textLength($, a));
  const main = $('main, [role="main"]').first();
  const root = article ? $(article) : main.length ? main : $('body');
  const scores = new Map<Element, number>();
  const credit = (element: Element | null, points: number): void => {
    if (element && element.type === 'tag') scores.set(element, (scores.get(element) ?? 0) + points);
  };
  root.find('p, pre, blockquote, td, div').each((_, element) => {
    // A div counts only for text written directly in it (old pages write paragraphs as text and <br>).
    const own =
      element.name === 'div' || element.name === 'td'
        ? $(element).contents().filter((__, node) => node.type === 'text').text().replace(/\s+/g, ' ').trim().length
        : textLength($, element);
    if (own < MIN_PARAGRAPH) return;
    const parent = element.name === 'div' || element.name === 'td' ? element : (element.parent as Element | null);
    credit(parent, own);
    credit((parent?.parent as Element | null) ?? null, own / 2);
  });
  const adjusted = (element: Element): number => (scores.get(element) ?? 0) * (1 - linkDensity($, element));
  let best: Element | null = null;
  let bestScore = 0;
  for (const element of scores.keys()) {
    const score = adjusted(element);
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  // Text split over sibling blocks scores each block alone; their parent, holding them all, scores about as well.
  while (best?.parent?.type === 'tag' && adjusted(best.parent) >= bestScore * CLIMB) best = best.parent;
  return best ? $(best) : root;
}

// Tool and link lines that survive inside a body: "Print this page", "Share on Facebook", "Back to top".
const FURNITURE_TEXT =
  /^(?:print(?: this (?:page|article))?|share(?: this(?: page| article)?)?(?: on \w+)?|e-?mail(?: this)?(?: page)?|tweet|back to top|top|skip to (?:main )?content|suggest to a friend|related (?:news|articles|links)|read more|follow us(?: on \w+)?)\s*[:.]?$/i;

/** True for a paragraph that is a page tool's label, not text of the statement. */
export const isFurniture = (paragraph: string): boolean => FURNITURE_TEXT.test(paragraph.trim());
