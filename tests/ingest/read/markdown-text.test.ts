import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../../ingest/read/markdown-blocks.js';
import { inlineText } from '../../../ingest/read/markdown-inline.js';

describe('inlineText', () => {
  it.each([
    ['**<u>Industry Participants</u>**', 'Industry Participants'],
    ['***PCAST Co-Chairs***', 'PCAST Co-Chairs'],
    ['the 31<sup>st</sup> prime minister', 'the 31st prime minister'],
    ['a [virtual discussion](https://fb.watch/88TMGSdnBp/) today', 'a virtual discussion today'],
    ['[***https://example.gov/pcast/***](https://example.gov/pcast/)***.***', 'https://example.gov/pcast/.'],
    ['see <https://nvlpubs.nist.gov/a_b.pdf>, pg 10', 'see https://nvlpubs.nist.gov/a_b.pdf, pg 10'],
    ['an ![photo](a.jpg) here', 'an  here'],
    ['_emphasis_ but snake_case_word stays', 'emphasis but snake_case_word stays'],
    ['\\#RightsOnFlights and \\* and \\_', '#RightsOnFlights and * and _'],
    ['AT&amp;T &lt;tag&gt; &#8217;', 'AT&T <tag> ’'],
  ])('%s → %s', (markdown, text) => {
    expect(inlineText(markdown)).toBe(text);
  });
});

describe('markdownBlocks', () => {
  it.each([
    ['wrapped lines join', 'one\ntwo\n\nthree', ['one two', 'three']],
    ['a hard break (two spaces) ends a line', 'Name One  \nName Two  \nName\nThree', ['Name One', 'Name Two', 'Name Three']],
    ['a hard break (backslash) ends a line', 'Name One\\\nName Two', ['Name One', 'Name Two']],
    ['bullets go, numbers stay', '- a\n- b\n\n1. c\n2. d', ['a', 'b', '1. c', '2. d']],
    ['"2)" inside a sentence is not an item', 'areas: 1) one;\n2) two.', ['areas: 1) one; 2) two.']],
    ['rules and setext underlines are not text', 'Title\n=====\n\n***\n\nText', ['Title', 'Text']],
    ['a figure is skipped whole', 'Before\n\n<figure>\n<img src="a.jpg"\nalt="x" />\n<figcaption>Photo</figcaption>\n</figure>\n\nAfter', ['Before', 'After']],
  ])('%s', (_, body, texts) => {
    expect(markdownBlocks(body).map((block) => block.text)).toEqual(texts);
  });

  it('marks headings', () => {
    expect(markdownBlocks('## Next steps ##\ntext')).toEqual([
      { kind: 'heading', text: 'Next steps' },
      { kind: 'text', text: 'text' },
    ]);
  });
});
