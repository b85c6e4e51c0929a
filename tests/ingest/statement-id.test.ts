import { describe, expect, it } from 'vitest';
import { statementId } from '../../ingest/statement-id.js';
import { DocumentId } from '../../src/schema/document.js';

describe('statementId', () => {
  it.each([
    ['corpus/000_f9833616b54a3226.txt', '000_f9833616b54a3226'],
    ['/elsewhere/000_f9833616b54a3226.txt', '000_f9833616b54a3226'],
    ['readouts/2022-05-16 readout (Greece).md', '2022-05-16-readout-Greece'],
    // 80 characters exactly: not cut, no hash.
    [`${'a'.repeat(80)}.md`, 'a'.repeat(80)],
    // Cut at 80 characters, then 8 hex of the name's SHA-256.
    [
      'readouts/2022-05-22-readout-of-president-bidens-call-with-prime-minister-designate-anthony-albanese.md',
      '2022-05-22-readout-of-president-bidens-call-with-prime-minister-designate-anthon-2b281daf',
    ],
  ])('names %s %s', (path, id) => {
    expect(statementId(path)).toBe(id);
  });

  it('names a URL by host, path and a hash, in Meilisearch-safe characters', () => {
    const id = statementId('https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/t1617413.shtml');
    expect(DocumentId.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^www-fmprc-gov-cn-mfa_eng-xwfw_665399-s2510_665401-t1617413-shtml-[0-9a-f]{10}$/);
    expect(statementId('https://example.org/a?b')).not.toBe(statementId('https://example.org/a?c'));
  });

  // Regression: ids were cut at 80 characters, so these two readouts took one id and the second was refused.
  it('tells apart two long names that share their first 80 characters', () => {
    const prefix = '2022-01-20-readout-of-president-bidens-meeting-with-the-presidents-council-of-advisors';
    const first = statementId(`readouts/${prefix}-on-science-and-technology-pcast.md`);
    const second = statementId(`readouts/${prefix}-on-science-and-technology-pcast-2.md`);
    expect(first).not.toBe(second);
    expect(first.slice(0, 80)).toBe(second.slice(0, 80));
    for (const id of [first, second]) {
      expect(id).toMatch(/^[A-Za-z0-9_-]+-[0-9a-f]{8}$/);
      expect(id.length).toBeLessThanOrEqual(100);
    }
  });

  it('keeps a cut id to 100 characters of [A-Za-z0-9_-], with no dash doubled where it was cut', () => {
    const id = statementId(`${'a'.repeat(79)} ${'b'.repeat(200)}.txt`);
    expect(id).toMatch(/^a{79}-[0-9a-f]{8}$/);
    expect(DocumentId.safeParse(id).success).toBe(true);
  });

  // Regression: a name the slug emptied fell back to a hash of the path as given, so the same
  // file took a new id from each folder and working directory, and re-ingesting it duplicated it.
  it('gives a non-ASCII file name one id from any folder or working directory', () => {
    const ids = new Set(['src/日本語.txt', 'other/日本語.txt', '日本語.txt', '/abs/日本語.txt', 'src/日本語.txt'.normalize('NFD')].map(statementId));
    expect(ids.size).toBe(1);
    const [id = ''] = ids;
    expect(DocumentId.safeParse(id).success).toBe(true);
  });

  // Regression: both names slugged to `caf`, so each run's statement replaced the other's.
  it('keeps apart names that differ only in letters the slug cannot spell', () => {
    const names = ['café', 'cafè', 'caf', 'cafe', 'Ελλάδα', 'Україна', '日本語', '中国'];
    const ids = names.map((name) => statementId(`statements/${name}.txt`));
    expect(new Set(ids).size).toBe(names.length);
    for (const id of ids) {
      expect(DocumentId.safeParse(id).success).toBe(true);
      expect(id.length).toBeLessThanOrEqual(100);
    }
    expect(statementId('a/café.txt')).toMatch(/^cafe-[0-9a-f]{16}$/);
    // A name spelled in NFD (as macOS stores it) is the same name.
    expect(statementId('b/cafe\u0301.md')).toBe(statementId('a/café.txt'));
  });

  it('names a long non-ASCII name in at most 100 characters', () => {
    const id = statementId(`${'é'.repeat(200)}.txt`);
    expect(id).toMatch(/^e{80}-[0-9a-f]{16}$/);
  });

  it('names an ASCII name the slug empties by that name, not by the path it was given', () => {
    expect(statementId('a/---.txt')).toBe(statementId('b/---.txt'));
    expect(statementId('a/---.txt')).toMatch(/^[0-9a-f]{16}$/);
  });
});
