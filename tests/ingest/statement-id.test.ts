import { describe, expect, it } from 'vitest';
import { statementId } from '../../ingest/statement-id.js';
import { DocumentId } from '../../src/schema/document.js';

describe('statementId', () => {
  it.each([
    ['corpus/000_f9833616b54a3226.txt', '000_f9833616b54a3226'],
    ['/elsewhere/000_f9833616b54a3226.txt', '000_f9833616b54a3226'],
    ['readouts/2022-05-16 readout (Greece).md', '2022-05-16-readout-Greece'],
  ])('names %s %s', (path, id) => {
    expect(statementId(path)).toBe(id);
  });

  it('names a URL by host, path and a hash, in Meilisearch-safe characters', () => {
    const id = statementId('https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/t1617413.shtml');
    expect(DocumentId.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^www-fmprc-gov-cn-mfa_eng-xwfw_665399-s2510_665401-t1617413-shtml-[0-9a-f]{10}$/);
    expect(statementId('https://example.org/a?b')).not.toBe(statementId('https://example.org/a?c'));
  });
});
