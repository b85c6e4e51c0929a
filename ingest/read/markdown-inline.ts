import { load } from 'cheerio';

const IMAGE = /!\[[^\]]*\]\([^)]*\)/g;
const LINK = /\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g;
const AUTOLINK = /<((?:https?|ftp|mailto):[^\s<>]+)>/gi;
const BREAK_TAG = /<br\s*\/?>/gi;
// Pandoc writes a literal asterisk as "\*", so every bare one is emphasis.
const STAR = /(?<!\\)\*+/g;
// Underscores mark emphasis only around words, never inside them (snake_case, URLs).
const UNDERSCORE = /(?<![\p{L}\p{N}\\])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}])/gu;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** Inline HTML tags out and character references decoded, by an HTML parser rather than a regex. */
const htmlText = (text: string): string => (/[<&]/.test(text) ? load(text, null, false).text() : text);

/**
 * One Markdown paragraph as the words a reader sees: link and emphasis markup gone (link
 * text kept, images dropped), stray inline HTML such as `<u>` or `60<sup>th</sup>` reduced to
 * its text, and backslash escapes undone.
 * @example inlineText('**<u>Participants</u>** at [the summit](https://example.org)') // 'Participants at the summit'
 */
export function inlineText(markdown: string): string {
  const plain = markdown.replace(IMAGE, '').replace(LINK, '$1').replace(AUTOLINK, '$1').replace(BREAK_TAG, ' ');
  return htmlText(plain).replace(STAR, '').replace(UNDERSCORE, '$2').replace(ESCAPE, '$1');
}
