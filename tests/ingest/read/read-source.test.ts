import { describe, expect, it } from 'vitest';
import { readSource } from '../../../ingest/read/read-source.js';
import type { AppError } from '../../../src/errors.js';
import { source } from './fixtures.js';

describe('readSource', () => {
  // Regression: an empty fetched page was reported as "the file is empty".
  it.each([
    ['a fetched page', 'https://www.mfa.gov.by/en/press/statements/abc/', 'the page is empty'],
    ['a file', 'sources/statement.txt', 'the file is empty'],
  ])('names what is empty: %s', (_, name, detail) => {
    expect(() => readSource(source(Buffer.alloc(0), name))).toThrowError(expect.objectContaining({ code: 'EMPTY_SOURCE', detail }) as AppError);
  });

  it('calls binary content binary, before looking for damage', () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64)]);
    expect(() => readSource(source(pdf, 'report.html', { contentType: 'text/html; charset=x-unknown' }))).toThrowError(
      expect.objectContaining({ code: 'UNREADABLE_SOURCE', detail: 'binary content, not text, HTML or Markdown' }) as AppError,
    );
  });

  it('refuses a truncated page before reading it', () => {
    expect(() => readSource(source('<!DOCTYPE html><html><body><p>The Minister spoke with'))).toThrowError(
      expect.objectContaining({ code: 'UNREADABLE_SOURCE', detail: 'truncated HTML: the page ends before </body> and </html>' }) as AppError,
    );
  });
});
