import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFileSource } from '../../../ingest/load-source.js';
import { prepareStatement } from '../../../ingest/prepare.js';
import { applyFileName, FileNameProfile } from '../../../ingest/read/file-name-profiles.js';
import { extractedStatement } from './fixtures.js';

const ungd = (name: string) => fileURLToPath(new URL(`../../fixtures/ungd/${name}`, import.meta.url));
const retrievedAt = new Date('2026-11-27T00:00:00Z');

const prepare = async (path: string, sidecar: Record<string, unknown> | null = null) => {
  const raw = { ...(await loadFileSource(path)), ...(sidecar ? { sidecar } : {}) };
  const [first] = prepareStatement(raw, { statementId: 'ungd', path, retrievedAt }).documents;
  if (!first) throw new Error('no paragraph');
  return first;
};


describe('file-name profiles', () => {
  it("date a UN General Debate speech by its file name's year, and give its country as issuer", async () => {
    const document = await prepare(ungd('AFG_65_2010.txt'));
    expect({ issuer: document.issuer, date: document.date, dateSource: document.dateSource, year: document.year }).toEqual({
      issuer: 'AF',
      date: '2010',
      dateSource: 'file-name',
      year: 2010,
    });
  });

  it('keep the year of a file whose code names no country (the EU), and leave its issuer empty', async () => {
    const document = await prepare(ungd('EU_69_2014.txt'));
    expect({ issuer: document.issuer, date: document.date }).toEqual({ issuer: null, date: '2014' });
  });

  it('give way to a sidecar', async () => {
    const document = await prepare(ungd('AFG_65_2010.txt'), { issuer: 'Pakistan', date: '2010-09-25' });
    expect({ issuer: document.issuer, date: document.date, dateSource: document.dateSource }).toEqual({
      issuer: 'PK',
      date: '2010-09-25',
      dateSource: 'metadata',
    });
  });

  it('give way to what the source itself says', () => {
    const fromPage = extractedStatement({ issuer: 'China', date: { value: '2019-01-02', precision: 'day', source: 'page' } });
    expect(applyFileName(fromPage, 'pages/CHN_73_2018.txt', '2026-11-27')).toEqual(fromPage);
  });

  it.each(['statement.txt', 'AFG_65_2010_draft.txt', 'afg_65_2010.txt', 'AFG_65_1810.txt', 'AM_12_2023.txt'])('leave %s alone', (name) => {
    expect(applyFileName(extractedStatement(), `sources/${name}`, '2026-11-27')).toEqual(extractedStatement());
  });

  it('date nothing after the day the file was retrieved', () => {
    expect(applyFileName(extractedStatement(), 'sources/DEU_65_2099.txt', '2026-11-27')).toMatchObject({ issuer: 'DEU', date: null });
  });

  it('refuse, when they load, a pattern with a group they cannot use or that is no regular expression', () => {
    expect(FileNameProfile.safeParse({ name: 'x', pattern: '^(?<author>\\w+)$' }).success).toBe(false);
    expect(FileNameProfile.safeParse({ name: 'x', pattern: '^(?<year>\\d{4}' }).success).toBe(false);
    expect(FileNameProfile.safeParse({ name: 'x', pattern: '^(?<year>\\d{4})_' }).success).toBe(true);
  });
});
