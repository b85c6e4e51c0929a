import { describe, expect, it } from 'vitest';
import { applySidecar, parseSidecar } from '../../ingest/sidecar.js';
import { AppError } from '../../src/errors.js';
import { extractedStatement } from './read/fixtures.js';

const extracted = extractedStatement({ title: 'From the page' });

describe('sidecar metadata', () => {
  it('wins over what the reader found, and dates it as metadata', () => {
    const sidecar = parseSidecar({ title: 'Given', issuer: 'Pakistan', date: '2025-11', language: 'en' });
    expect(applySidecar(extracted, sidecar)).toMatchObject({
      title: 'Given',
      issuer: 'Pakistan',
      date: { value: '2025-11', precision: 'month', source: 'metadata' },
    });
  });

  it.each([
    [{ date: 'November 7' }, 'date'],
    // Regression: the pattern alone let a day that does not exist through.
    [{ date: '2021-02-29' }, 'date'],
    [{ url: 'not a url' }, 'url'],
    // Regression: any scheme passed, and a `javascript:` URL became a statement's source link.
    [{ url: 'javascript:alert(document.cookie)' }, 'url'],
    [{ url: 'file:///etc/passwd' }, 'url'],
    [{ tittle: 'typo' }, 'tittle'],
  ])('refuses %j, naming %s', (raw, named) => {
    try {
      parseSidecar(raw);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('INVALID_SIDECAR');
      expect((error as AppError).detail).toContain(named);
    }
  });

  it('takes an http(s) URL', () => {
    expect(parseSidecar({ url: 'https://www.mfa.gov.by/en/press/statements/abc/' }).url).toBe('https://www.mfa.gov.by/en/press/statements/abc/');
    expect(parseSidecar({ url: 'http://www.fmprc.gov.cn/mfa_eng/t1.shtml' }).url).toBe('http://www.fmprc.gov.cn/mfa_eng/t1.shtml');
  });
});
