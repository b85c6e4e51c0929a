import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ExtractedStatement } from '../../../ingest/extracted.js';
import { readHtml } from '../../../ingest/read/html.js';
import { AppError } from '../../../src/errors.js';
import { corpusPages, fixtureSource, source } from './fixtures.js';

const FMPRC = 'Ministry of Foreign Affairs of the People\'s Republic of China';
const BELARUS = 'Ministry of Foreign Affairs of the Republic of Belarus';
const fmprcUrl = (id: string): string => `https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/${id}.shtml`;

// Page furniture that must never come through as a paragraph.
const JUNK = /^(home|print|suggest to a friend|related news|appendix|please enter|copyright|contact|video|all missions)\b|bread|\bprint this page\b|Belarusian Diplomatic Missions abroad|Regular Press Conference on/i;

describe('readHtml on ministry pages', () => {
  it.each([
    {
      file: 'html/fmprc/t1593756.html',
      title: "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on September 10",
      issuer: 'China', ministry: FMPRC, url: fmprcUrl('t1593756'),
      // The title has no year; the CMS's upload date in the image paths gives it.
      date: '2018-09-10',
      paragraphs: 29,
      first: 'At the invitation of State Councilor and Foreign Minister Wang Yi, Foreign Affairs Minister of the Republic of Chile Roberto Ampuero will pay an official visit to China from September 13 to 15.',
      last: "On the Korean Peninsula issue, China's position is firm and clear. China remains committed to the denuclearization of the Peninsula and to upholding peace and stability on the Peninsula. Meanwhile, as a friendly neighbor of the DPRK, China stands ready to consolidate friendship with the DPRK and support the DPRK in improving its economy and people's livelihood.",
    },
    {
      file: 'html/fmprc/t1689110.html',
      title: "Foreign Ministry Spokesperson Hua Chunying's Remarks on August 15, 2019",
      issuer: 'China', ministry: FMPRC, url: fmprcUrl('t1689110'),
      date: '2019-08-15',
      paragraphs: 8,
      first: 'On August 14, US President Trump said in his tweets that "Of course China wants to make a deal. Let them work humanely with Hong Kong first." He also suggested a possible meeting with the Chinese leader. I wonder what is China\'s comment?',
      last: 'As China noted, the US Department of Commerce added China General Nuclear Power Corporation and its three subsidiaries to the department\'s Entity List on August 13. By doing so, the US has abused the concept of national security and the measure of export control. It hurts not only Chinese companies but also businesses of the US and beyond. China firmly opposes the act of the US to undermine the interests of China and other countries through unilateral and protectionist policies. We hope the US will grasp the situation, stop its wrongdoing and stick to equal-footed consultation for a solution.',
    },
    {
      file: 'html/fmprc/t1752564.html',
      title: "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on March 5, 2020",
      issuer: 'China', ministry: FMPRC, url: fmprcUrl('t1752564'),
      date: '2020-03-05',
      // Nine <p> elements on the page; the rest are <br><br> breaks inside them.
      paragraphs: 31,
      first: "First, some figures from the NHC. Between 00:00 and 24:00, March 4, there are 2,189 cured and discharged cases in China's mainland, bringing the tally to 52,045.",
      last: 'As I just said, diplomatic departments of the two sides are in close communication with regard to the visit to ensure it will be a complete success with fruitful outcomes. We believe the best arrangements will be made through diplomatic channels.',
    },
    {
      file: 'html/fmprc/t1767935.html',
      title: "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on April 9, 2020",
      issuer: 'China', ministry: FMPRC, url: fmprcUrl('t1767935'),
      date: '2020-04-09',
      paragraphs: 51,
      first: 'According to media reports, a Finnish government official said on April 8 that a batch of surgical masks and respirator masks unloaded on April 7 from Guangzhou, China, have turned out to be unsuitable for use in medical environments. Other European countries had reportedly met similar problems after ordering equipment from China. What is your response?',
      last: 'At present, the pandemic is spreading all over the world. What the international community needs most is confidence and concerted response. We hope that all countries will work together to win the battle against this major infectious disease.',
    },
    {
      file: 'html/mfa.gov.by/b7b71aff55bfca76.html',
      title: 'Statement by the Foreign Ministry on countermeasures of the Republic of Belarus to illegal external sanctions pressure',
      issuer: 'Belarus', ministry: BELARUS, url: null,
      date: '2021-12-06',
      paragraphs: 9,
      first: 'In response to illegal external sanctions pressure aimed at undermining the sovereignty of Belarus, worsening the well-being of Belarusian citizens and in order to protect national interests, the Government of the Republic of Belarus has banned the import of a number of goods originating from the states applying the illegitimate anti-Belarusian sanctions.',
      last: "Belarus is ready to resolve any existing differences through mutually respectful dialogue based on the respect for each other's interests.",
    },
    {
      file: 'html/mfa.gov.by/bf7e69d3fec2c5f0.html',
      title: 'Statement of the Foreign Ministry of the Republic of Belarus in connection with the situation in Kazakhstan',
      issuer: 'Belarus', ministry: BELARUS, url: null,
      date: '2021-12-06',
      paragraphs: 6,
      // One <p> with a single <br> inside stays one paragraph.
      first: 'It is with deep concern that we see the situation deteriorate rapidly in a number of regions of Kazakhstan. Militants have seized arsenals with weapons. As a result of their violent actions, people have died. The number of victims and those wounded is growing.',
      last: 'The peacekeeping contingent will be deployed in full accordance with the law of the Republic of Belarus of 29 November 2003.',
    },
  ])('$file', ({ file, title, issuer, ministry, url, date, paragraphs, first, last }) => {
    const statement = ExtractedStatement.parse(readHtml(fixtureSource(file)));
    expect(statement).toMatchObject({ title, issuer, ministry, url, language: 'en' });
    expect(statement.date).toEqual({ value: date, precision: 'day', source: 'page' });
    expect(statement.paragraphs).toHaveLength(paragraphs);
    expect(statement.paragraphs[0]?.text).toBe(first);
    expect(statement.paragraphs.at(-1)?.text).toBe(last);
    for (const { text } of statement.paragraphs) {
      expect(text).not.toMatch(JUNK);
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/\s{2,}|\u00a0/);
    }
  });

  it('keeps the Belarus dateline out of the paragraphs: it is the date', () => {
    const statement = readHtml(fixtureSource('html/mfa.gov.by/bf7e69d3fec2c5f0.html'));
    expect(statement.paragraphs.some(({ text }) => text.includes('December 6, 2021'))).toBe(false);
    expect(statement.date?.value).toBe('2021-12-06');
  });

  it('decodes the windows-1251 Belarus pages by their <meta charset>', () => {
    const statement = readHtml(fixtureSource('html/mfa.gov.by/b7b71aff55bfca76.html'));
    expect(statement.paragraphs.map((p) => p.text).join(' ')).not.toMatch(/[\ufffdÐÑ]/);
  });
});

describe('readHtml on press-conference transcripts', () => {
  it.each([
    ['t1593756', { 'Geng Shuang': 23, Q: 6 }],
    ['t1689110', { 'Hua Chunying': 5, Q: 3 }],
    ['t1752564', { 'Zhao Lijian': 20, Q: 11 }],
  ])('%s: answers are the spokesperson\'s, questions "Q"', (id, counts) => {
    const statement = readHtml(fixtureSource(`html/fmprc/${id}.html`));
    const seen: Record<string, number> = {};
    for (const { speaker } of statement.paragraphs) seen[String(speaker)] = (seen[String(speaker)] ?? 0) + 1;
    expect(seen).toEqual(counts);
  });

  it.each([
    [0, 'China Daily', 'According to media reports, a Finnish government official'],
    [1, 'Zhao Lijian', 'We noted relevant reports.'],
    // "Follow-up:" on the page: the BBC asking again.
    [10, 'BBC', 'Just to confirm, goods can still be delivered across the border, right?'],
    [14, 'RIA Novosti', 'As there are still many Chinese citizens in Russia'],
  ])('t1767935 paragraph %i is spoken by %s, without the label', (index, speaker, start) => {
    const paragraph = readHtml(fixtureSource('html/fmprc/t1767935.html')).paragraphs[index];
    expect(paragraph?.speaker).toBe(speaker);
    expect(paragraph?.text.startsWith(start)).toBe(true);
  });

  it('leaves no "Q:", "A:" or "Name:" label at the start of any paragraph', () => {
    for (const id of ['t1593756', 't1689110', 't1752564', 't1767935']) {
      for (const { text, speaker } of readHtml(fixtureSource(`html/fmprc/${id}.html`)).paragraphs) {
        expect(text).not.toMatch(/^(Q|A|Follow-up|Zhao Lijian|Reuters|BBC|CCTV)\s*:/);
        expect(speaker).not.toBeNull();
      }
    }
  });

  it('splits turns that share one <p>, separated by <br>', () => {
    const paragraphs = readHtml(fixtureSource('html/fmprc/t1752564.html')).paragraphs;
    expect(paragraphs[2]).toMatchObject({ speaker: 'Q' });
    expect(paragraphs[2]?.text).toMatch(/^Reports say the US House of Representatives.*I wonder if China has a comment\?$/);
    expect(paragraphs[3]?.text).toMatch(/^This Act is in serious violation of the one-China principle/);
  });
});

describe('readHtml picks the site profile', () => {
  const page = (head: string): string =>
    `<!doctype html><html><head>${head}<title>Foreign Ministry Spokesperson Lu Kang's Regular Press Conference on July 4, 2018</title></head>` +
    '<body><div class="nav"><a href="/">Home</a></div><div class="content"><p>Q: Any comment?</p><p>A: None.</p></div></body></html>';

  it.each([
    ['link rel=canonical', page(`<link rel="canonical" href="${fmprcUrl('t1')}">`), 'page.html', null],
    ['og:url', page(`<meta property="og:url" content="${fmprcUrl('t1')}">`), 'page.html', null],
    ['the source name, when it is a URL', page(''), fmprcUrl('t1'), null],
    ['the sidecar url', page(''), 'saved/t1.html', { url: fmprcUrl('t1') }],
  ])('by %s', (_, html, name, sidecar) => {
    const statement = readHtml(source(html, name, { sidecar }));
    expect(statement).toMatchObject({ issuer: 'China', url: fmprcUrl('t1'), date: { value: '2018-07-04' } });
    expect(statement.paragraphs).toEqual([
      { text: 'Any comment?', speaker: 'Q' },
      { text: 'None.', speaker: 'Lu Kang' },
    ]);
  });

  it.each([
    ['html/mfa.gov.by/b7b71aff55bfca76.html', 'Belarus'],
    ['html/fmprc/t1689110.html', 'China'],
  ])('by the site fingerprint when %s comes without a URL', (file, issuer) => {
    const statement = readHtml({ ...fixtureSource(file), sidecar: null });
    expect(statement.issuer).toBe(issuer);
    expect(statement.url).toBeNull();
  });

  it('not by a mere link to the site', () => {
    const html = `<html><body><main><p>As the <a href="${fmprcUrl('t1')}">Chinese ministry said</a>, talks went on.</p></main></body></html>`;
    expect(readHtml(source(html))).toMatchObject({ issuer: null, ministry: null });
  });

  it('makes a relative canonical URL absolute against the page URL', () => {
    const html = '<html><head><link rel="canonical" href="/en/press/statements/x/"></head><body><p>Statement text that is long enough.</p></body></html>';
    expect(readHtml(source(html, 'https://mfa.gov.by/en/press/?page=2')).url).toBe('https://mfa.gov.by/en/press/statements/x/');
  });
});

describe('readHtml without a site profile', () => {
  const furnished = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Statement on the talks | Ministry of Foreign Affairs</title>
<meta property="article:published_time" content="2025-11-08T09:00:00+05:00"></head>
<body>
  <header><a href="/">Ministry of Foreign Affairs</a><nav><ul><li><a href="/news">News</a></li><li><a href="/press">Press</a></li></ul></nav></header>
  <div class="breadcrumbs"><a href="/">Home</a> / <a href="/press">Press releases</a></div>
  <div class="layout">
    <div class="article-body">
      <h1>Statement on the talks</h1>
      <p>The Ministry welcomes the conclusion of the third round of talks held in Istanbul.</p>
      <p>Both sides agreed to continue the dialogue and to meet again next month.</p>
      <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      <p><a href="javascript:window.print()">Print this page</a></p>
    </div>
    <aside><h2>Related news</h2><ul><li><a href="/1">Earlier statement on the talks in Doha</a></li></ul></aside>
  </div>
  <footer><p>Copyright 2025 Ministry of Foreign Affairs. All rights reserved.</p></footer>
  <script>var tracking = "Statement text inside a script";</script>
</body></html>`;

  it('finds the statement and drops nav, breadcrumbs, share buttons, "print", aside and footer', () => {
    const statement = readHtml(source(furnished));
    expect(statement.paragraphs).toEqual([
      { text: 'The Ministry welcomes the conclusion of the third round of talks held in Istanbul.', speaker: null },
      { text: 'Both sides agreed to continue the dialogue and to meet again next month.', speaker: null },
    ]);
  });

  it('reads title, date and language from the page, and knows no issuer', () => {
    expect(readHtml(source(furnished))).toMatchObject({
      title: 'Statement on the talks',
      date: { value: '2025-11-08', precision: 'day', source: 'page' },
      language: 'en',
      issuer: null,
      ministry: null,
      url: null,
    });
  });

  it.each(corpusPages('html'))('finds the same paragraphs in %s as its site profile does', (file) => {
    const texts = (profiles?: []) => readHtml(fixtureSource(file), profiles).paragraphs.map((p) => p.text);
    expect(texts([])).toEqual(texts());
  });

  it('drops separator lines such as "********"', () => {
    const html = '<div class="content"><p>Q: A question?</p><p>A: An answer.</p><p align="center">******** </p><p>Closing remarks.</p></div>';
    expect(readHtml(source(html)).paragraphs.map((p) => p.text)).toEqual(['A question?', 'An answer.', 'Closing remarks.']);
  });

  it('keeps the text together when it is split over sibling blocks', () => {
    const html = '<body><div class="story"><div><p>First block, first paragraph of the statement.</p><p>First block, second paragraph here.</p></div>' +
      '<div><p>Second block, third paragraph of the statement.</p><p>Second block, fourth paragraph here.</p></div></div>' +
      '<div class="teaser"><p>Another story entirely, shown beside the statement.</p></div></body>';
    expect(readHtml(source(html)).paragraphs.map((p) => p.text)).toEqual([
      'First block, first paragraph of the statement.',
      'First block, second paragraph here.',
      'Second block, third paragraph of the statement.',
      'Second block, fourth paragraph here.',
    ]);
  });

  it('prefers <article> over the rest of the page', () => {
    const html = '<body><div><p>An unrelated teaser paragraph that is fairly long, long enough to count.</p></div>' +
      '<article><p>The statement itself, its first paragraph.</p><p>And its second paragraph.</p></article></body>';
    expect(readHtml(source(html)).paragraphs.map((p) => p.text)).toEqual([
      'The statement itself, its first paragraph.',
      'And its second paragraph.',
    ]);
  });

  it.each([
    ['a date in the title', '<title>Regular Press Conference on November 29, 2018</title>', '<p>Q: A question?</p><p>A: An answer.</p>', '2018-11-29'],
    ['a trailing dateline', '<title>Statement</title>', '<p>The statement text.</p><p align="right">Minsk, 6 December 2021</p>', '2021-12-06'],
    ['a <time> element', '<title>Statement</title>', '<p><time datetime="2024-03-01">1 March</time></p><p>The statement text.</p>', '2024-03-01'],
  ])('dates the page by %s', (_, head, body, date) => {
    const statement = readHtml(source(`<html><head>${head}</head><body><main>${body}</main></body></html>`));
    expect(statement.date).toEqual({ value: date, precision: 'day', source: 'page' });
    expect(statement.paragraphs.map((p) => p.text)).not.toContain('Minsk, 6 December 2021');
  });
});

describe('readHtml on broken and empty pages', () => {
  it('reads what text a truncated page has', () => {
    const html = '<html><head><title>Cut off</title></head><body><div class="content"><p>First paragraph survives.</p><p>Second paragraph is cut mid-sen';
    expect(readHtml(source(html)).paragraphs.map((p) => p.text)).toEqual(['First paragraph survives.', 'Second paragraph is cut mid-sen']);
  });

  it('reads malformed markup: unclosed tags, stray closers, upper case', () => {
    const html = '<HTML><BODY><DIV><P>One <B>bold</P><P>Two</I></DIV></SPAN><P>Three &amp; four';
    expect(readHtml(source(html)).paragraphs.map((p) => p.text)).toEqual(['One bold', 'Two', 'Three & four']);
  });

  it('keeps the words of neighbouring table cells apart', () => {
    const html = '<table><tr><td>The first cell holds a sentence.</td><td>The second cell holds another.</td></tr></table>';
    expect(readHtml(source(html)).paragraphs.map((p) => p.text)).toEqual(['The first cell holds a sentence. The second cell holds another.']);
  });

  it.each([
    ['an empty document', ''],
    ['only furniture', '<html><body><nav><a href="/">Home</a></nav><footer>Copyright</footer></body></html>'],
    ['only a title', '<html><head><title>Statement</title></head><body>  &nbsp; </body></html>'],
    ['only scripts and images', '<html><body><script>document.write("x")</script><img src="a.jpg"></body></html>'],
  ])('refuses %s with EMPTY_SOURCE', (_, html) => {
    expect(() => readHtml(source(html))).toThrowError(expect.objectContaining({ code: 'EMPTY_SOURCE' }) as AppError);
  });

  // Regression: the message began with the source's name, which the failure line gives already.
  it('says the page has no body text, without naming the source', () => {
    const html = '<html><body><nav><a href="/">Home</a></nav></body></html>';
    expect(() => readHtml(source(html, 'https://www.mfa.gov.by/en/x/'))).toThrowError(
      expect.objectContaining({ code: 'EMPTY_SOURCE', detail: 'the page has no body text' }) as AppError,
    );
  });
});

describe('readHtml decodes charsets', () => {
  const russian = 'Министерство иностранных дел Республики Беларусь выражает глубокую озабоченность.';

  it.each([
    ['<meta charset>', `<html><head><meta charset="windows-1251"></head><body><p>${russian}</p></body></html>`, null],
    ['<meta http-equiv>', `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>${russian}</p></body></html>`, null],
    ['the Content-Type header', `<html><body><p>${russian}</p></body></html>`, 'text/html; charset=windows-1251'],
  ])('windows-1251 declared by %s', (_, html, contentType) => {
    const statement = readHtml(source(iconv.encode(html, 'windows-1251'), 'page.html', { contentType }));
    expect(statement.paragraphs[0]?.text).toBe(russian);
  });

  it('guesses windows-1251 when nothing declares it', () => {
    const html = `<html><body><p>${russian} ${russian}</p></body></html>`;
    expect(readHtml(source(iconv.encode(html, 'windows-1251'))).paragraphs[0]?.text).toBe(`${russian} ${russian}`);
  });

  it('reads undeclared UTF-8 as UTF-8, and honours a UTF-8 byte-order mark', () => {
    expect(readHtml(source(`<p>${russian}</p>`)).paragraphs[0]?.text).toBe(russian);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<meta charset="windows-1251"><p>${russian}</p>`)]);
    expect(readHtml(source(bom)).paragraphs[0]?.text).toBe(russian);
  });
});
