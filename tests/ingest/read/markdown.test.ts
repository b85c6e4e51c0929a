import { describe, expect, it } from 'vitest';
import { ExtractedStatement } from '../../../ingest/extracted.js';
import { readMarkdown } from '../../../ingest/read/markdown.js';
import type { AppError } from '../../../src/errors.js';
import { fixtureSource, source } from './fixtures.js';

const archive = (path: string): string => `https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/${path}/`;

describe('readMarkdown on White House readouts', () => {
  it.each([
    {
      file: '2021-02-10-readout-of-president-joseph-r-biden-jr-call-with-president-xi-jinping-of-china.md',
      // The YAML title is folded over two lines with "\_\" (a no-break space, then a line continuation).
      title: 'Readout of President Joseph R. Biden, Jr. Call with President Xi Jinping of China',
      date: '2021-02-10',
      url: archive('2021/02/10/readout-of-president-joseph-r-biden-jr-call-with-president-xi-jinping-of-china'),
      paragraphs: 1,
      first: /^President Joseph R\. Biden, Jr\. spoke today with President Xi Jinping of China\. The President shared/,
      last: /and those of our allies\.$/,
    },
    {
      file: '2022-05-22-readout-of-president-bidens-call-with-prime-minister-designate-anthony-albanese.md',
      title: 'Readout of President Biden’s Call with Prime Minister-Designate Anthony Albanese',
      date: '2022-05-22',
      url: archive('2022/05/22/readout-of-president-bidens-call-with-prime-minister-designate-anthony-albanese'),
      paragraphs: 1,
      first: /Australia’s 31st prime minister\. President Biden reaffirmed/,
      last: /consequential meetings in Japan this week\.$/,
    },
    {
      file: '2024-05-07-readout-of-president-joe-bidens-meeting-with-ceos.md',
      title: 'Readout of President Joe Biden’s Meeting with CEOs',
      date: '2024-05-07',
      url: archive('2024/05/07/readout-of-president-joe-bidens-meeting-with-ceos'),
      // Hard line breaks: one participant a paragraph, and "**<u>Industry Participants</u>**" a heading line.
      paragraphs: 18,
      first: /^This afternoon, the President met with CEOs/,
      last: /^Deputy Secretary of the Treasury Wally Adeyemo$/,
    },
    {
      file: '2022-01-20-readout-of-president-bidens-meeting-with-the-presidents-council-of-advisors-on-science-and-technology-pcast.md',
      title: 'Readout of President Biden’s Meeting with the President’s Council of Advisors on Science and Technology (PCAST)',
      date: '2022-01-20',
      url: archive('2022/01/20/readout-of-president-bidens-meeting-with-the-presidents-council-of-advisors-on-science-and-technology-pcast'),
      paragraphs: 21,
      first: /^Today, President Joe Biden convened a meeting/,
      last: /^For more information on PCAST members or their work please visit: https:\/\/bidenwhitehouse\.archives\.gov\/pcast\/\.$/,
    },
    {
      file: '2024-06-15-readout-of-vice-president-harriss-meeting-with-president-zelenskyy-of-ukraine-3.md',
      title: 'Readout of Vice President Harris’s Meeting with President Zelenskyy of Ukraine',
      date: '2024-06-15',
      url: archive('2024/06/15/readout-of-vice-president-harriss-meeting-with-president-zelenskyy-of-ukraine-3'),
      // "\# \# \#" closes the release and is not a paragraph.
      paragraphs: 1,
      first: /^Vice President Kamala Harris met today with President Volodymyr Zelenskyy/,
      last: /from Russian airstrikes\.$/,
    },
    {
      file: '2022-09-08-readout-of-white-house-listening-session-on-tech-platform-accountability.md',
      title: 'Readout of White House Listening Session on Tech Platform Accountability',
      date: '2022-09-08',
      url: archive('2022/09/08/readout-of-white-house-listening-session-on-tech-platform-accountability'),
      paragraphs: 32,
      first: /^Although tech platforms can help keep us connected/,
      last: /through persistent surveillance\.$/,
    },
  ])('$file', ({ file, title, date, url, paragraphs, first, last }) => {
    const statement = ExtractedStatement.parse(readMarkdown(fixtureSource(`readouts/${file}`)));
    expect(statement).toMatchObject({ title, url, issuer: 'United States', ministry: 'The White House', language: 'en' });
    expect(statement.date).toEqual({ value: date, precision: 'day', source: 'metadata' });
    expect(statement.paragraphs).toHaveLength(paragraphs);
    expect(statement.paragraphs[0]?.text).toMatch(first);
    expect(statement.paragraphs.at(-1)?.text).toMatch(last);
    for (const { text, speaker } of statement.paragraphs) {
      expect(speaker).toBeNull();
      expect(text).not.toMatch(/[*\\<>]|\]\(|^#|\s{2,}|\u00a0/);
    }
  });

  it('keeps a sentence that a hard wrap breaks before "3)" in one paragraph', () => {
    const { paragraphs } = readMarkdown(
      fixtureSource('readouts/2022-01-20-readout-of-president-bidens-meeting-with-the-presidents-council-of-advisors-on-science-and-technology-pcast.md'),
    );
    expect(paragraphs[3]?.text).toMatch(/wildfires; 3\) what might be needed to reimagine the American public health system/);
  });

  it('drops the photo and its caption', () => {
    const { paragraphs } = readMarkdown(
      fixtureSource('readouts/2022-01-20-readout-of-president-bidens-meeting-with-the-presidents-council-of-advisors-on-science-and-technology-pcast.md'),
    );
    expect(paragraphs.some(({ text }) => text.includes('Official White House Photo'))).toBe(false);
  });

  it('keeps numbered items as their own paragraphs, numbers and all, emphasis gone', () => {
    const { paragraphs } = readMarkdown(fixtureSource('readouts/2022-09-08-readout-of-white-house-listening-session-on-tech-platform-accountability.md'));
    const items = paragraphs.filter(({ text }) => /^\d\. /.test(text)).map(({ text }) => text.slice(0, 60));
    expect(items).toEqual([
      '1. Promote competition in the technology sector. The America',
      '2. Provide robust federal protections for Americans’ privacy',
      '3. Protect our kids by putting in place even stronger privac',
      '4. Remove special legal protections for large tech platforms',
      '5. Increase transparency about platform’s algorithms and con',
      '6. Stop discriminatory algorithmic decision-making. We need ',
    ]);
  });
});

describe('readMarkdown on written Markdown', () => {
  const md = (text: string) => readMarkdown(source(text, 'statement.md'));

  it('joins hard-wrapped lines back into paragraphs; blank lines (even with spaces) separate them', () => {
    const statement = md('---\ntitle: T\n---\nThe first paragraph,\nwrapped over\nthree lines.\n   \nThe second\nparagraph.\n');
    expect(statement.paragraphs.map((p) => p.text)).toEqual(['The first paragraph, wrapped over three lines.', 'The second paragraph.']);
  });

  it.each([
    ['a double-quoted escape', 'title: "Biden\\u2019s \\"Call\\" with\\_Albanese"', 'Biden’s "Call" with Albanese'],
    ['a single-quoted escape', "title: 'Readout of the President''s Call'", "Readout of the President's Call"],
    ['a folded title', 'title: >-\n  Readout of a Call\n  with Leaders', 'Readout of a Call with Leaders'],
    ['a number', 'title: 2024', '2024'],
  ])('parses %s in the title', (_, line, title) => {
    expect(md(`---\n${line}\n---\nText.\n`).title).toBe(title);
  });

  it.each([
    ['a day', "date: '2021-02-10'", { value: '2021-02-10', precision: 'day' }],
    ['a month', 'date: 2021-02', { value: '2021-02', precision: 'month' }],
    ['a written date', 'date: November 7, 2025', { value: '2025-11-07', precision: 'day' }],
    ['a leap day', 'date: 2024-02-29', { value: '2024-02-29', precision: 'day' }],
  ])('reads %s from the front matter', (_, line, date) => {
    expect(md(`---\n${line}\n---\nText.\n`).date).toEqual({ ...date, source: 'metadata' });
  });

  it('lets the front matter name the issuer, ministry and language', () => {
    const statement = md('---\nsource_url: https://www.whitehouse.gov/briefing-room/x/\nissuer: Canada\nministry: Global Affairs Canada\nlanguage: fr\n---\nTexte.\n');
    expect(statement).toMatchObject({ issuer: 'Canada', ministry: 'Global Affairs Canada', language: 'fr' });
  });

  it('knows no issuer for a site it has no profile of', () => {
    expect(md('---\nsource_url: https://example.org/statement\n---\nText.\n')).toMatchObject({ issuer: null, ministry: null, language: null });
  });

  it('takes a leading heading as the title when there is no front matter', () => {
    const statement = md('# Statement on the Talks\n\nThe talks ended.\n\n## Next steps\n\nMore talks.\n');
    expect(statement.title).toBe('Statement on the Talks');
    expect(statement.paragraphs.map((p) => p.text)).toEqual(['The talks ended.', 'Next steps', 'More talks.']);
    expect(statement.date).toBeNull();
  });

  it('turns lists, quotes, links and inline HTML into plain paragraphs', () => {
    const statement = md(
      '---\ntitle: T\n---\nParticipants:\n\n-   **Secretary of State** and\n    her deputy\n-   The *Ambassador*\n\n' +
        '> A quoted\n> line.\n\nSee [the summit page](https://example.org/a_(b)) and <https://example.org/x_y>.\n\n' +
        'The 60<sup>th</sup> anniversary of <u>ties</u> &amp; trade, \\#hashtag, a \\*literal\\* star.\n\n\\###\n',
    );
    expect(statement.paragraphs.map((p) => p.text)).toEqual([
      'Participants:',
      'Secretary of State and her deputy',
      'The Ambassador',
      'A quoted line.',
      'See the summit page and https://example.org/x_y.',
      'The 60th anniversary of ties & trade, #hashtag, a *literal* star.',
    ]);
  });

  it('decodes a UTF-8 byte-order mark and CRLF line ends', () => {
    const statement = readMarkdown(source(Buffer.from('\ufeff---\r\ntitle: T\r\n---\r\nLine one\r\nline two.\r\n'), 'x.md'));
    expect(statement).toMatchObject({ title: 'T', paragraphs: [{ text: 'Line one line two.', speaker: null }] });
  });

  it.each([
    ['broken YAML', '---\ntitle: "unclosed\n---\nText.\n'],
    ['a title that is a list', '---\ntitle: [a, b]\n---\nText.\n'],
    ['a source_url that is not a URL', '---\nsource_url: not a url\n---\nText.\n'],
  ])('refuses %s with INVALID_SIDECAR', (_, text) => {
    expect(() => md(text)).toThrowError(expect.objectContaining({ code: 'INVALID_SIDECAR' }) as AppError);
  });

  it.each([
    ['front matter and nothing else', '---\ntitle: T\n---\n'],
    ['only an end mark', '---\ntitle: T\n---\n\n\\# \\# \\#\n'],
  ])('refuses %s with EMPTY_SOURCE', (_, text) => {
    expect(() => md(text)).toThrowError(expect.objectContaining({ code: 'EMPTY_SOURCE' }) as AppError);
  });

  // Regression: "no text after the front matter" was said of files with no front matter, and
  // every message began with the file's name, which the failure line gives already.
  it.each([
    ['front matter and nothing else', '---\ntitle: T\n---\n', 'EMPTY_SOURCE', 'no text after the front matter'],
    ['no front matter, only blank lines', '\n \n\t\n', 'EMPTY_SOURCE', 'no text'],
    ['a heading and nothing else', '# Readout\n', 'EMPTY_SOURCE', 'no text after the heading'],
    ['broken YAML', '---\ntitle: "unclosed\n---\nText.\n', 'INVALID_SIDECAR', 'the front matter is not valid YAML'],
    ['a source_url that is not a URL', '---\nsource_url: not a url\n---\nText.\n', 'INVALID_SIDECAR', 'front matter source_url: Invalid URL'],
    ['a date that is no date', '---\ndate: not a date\n---\nText.\n', 'INVALID_SIDECAR', 'front matter date: cannot read "not a date" as a date'],
    ['a day not in the calendar', '---\ndate: 2020-02-30\n---\nText.\n', 'INVALID_SIDECAR', 'front matter date: cannot read "2020-02-30" as a date'],
  ])('says what is wrong with %s, without naming the file', (_, text, code, detail) => {
    expect(() => md(text)).toThrowError(expect.objectContaining({ code, detail }) as AppError);
  });
});
