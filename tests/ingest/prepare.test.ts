import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { RawSource } from '../../ingest/extracted.js';
import { prepareStatement } from '../../ingest/prepare.js';
import type { AppError } from '../../src/errors.js';

const options = { statementId: 'upload', path: null, retrievedAt: new Date('2025-11-08T00:00:00Z') };
/** A source as `POST /v1/statements` hands it over: named like a file, the metadata as its sidecar. */
const upload = (bytes: Buffer, extension: 'html' | 'txt' | 'md', contentType: string): RawSource => ({
  name: `post-abc.${extension}`,
  bytes,
  sidecar: { title: 'Uploaded' },
  contentType,
});

const refusal = (raw: RawSource): { code: string; detail: string } | null => {
  try {
    prepareStatement(raw, options);
    return null;
  } catch (error) {
    const { code, detail } = error as AppError;
    return { code, detail };
  }
};

const page = '<!DOCTYPE html><html><head><title>T</title></head><body><main><p>The Foreign Ministry welcomes the agreement reached in Doha.</p></main></body></html>';

// Regression: these checks lived in the ingest pipeline only, so HTTP uploads, which call
// prepareStatement directly, indexed truncated and mis-decoded statements.
describe('prepareStatement refuses damaged sources, whoever calls it', () => {
  it('refuses truncated HTML', () => {
    expect(refusal(upload(Buffer.from(page.slice(0, page.indexOf('Doha'))), 'html', 'text/html'))).toEqual({
      code: 'UNREADABLE_SOURCE',
      detail: 'truncated HTML: the page ends before </body> and </html>',
    });
  });

  it('refuses an unknown encoding on bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('<!DOCTYPE html><html><body><p>'), Buffer.from([0xe3, 0x88, 0x85, 0x40, 0x94]), Buffer.from('</p></body></html>')]);
    expect(refusal(upload(bytes, 'html', 'text/html; charset=x-ebcdic-klingon'))?.detail).toBe('unknown encoding "x-ebcdic-klingon", and the bytes are not UTF-8');
  });

  it('refuses text with characters that could not be decoded', () => {
    const bytes = Buffer.concat([Buffer.from('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>'), iconv.encode('Le ministère salue l’accord.', 'windows-1252'), Buffer.from('</p></body></html>')]);
    expect(refusal(upload(bytes, 'html', 'text/html'))).toEqual({
      code: 'UNREADABLE_SOURCE',
      detail: '2 characters could not be decoded: the declared charset does not match the bytes, or the encoding is unknown',
    });
  });

  it('reads a sound upload', () => {
    expect(refusal(upload(Buffer.from(page), 'html', 'text/html'))).toBeNull();
    expect(prepareStatement(upload(Buffer.from(page), 'html', 'text/html'), options).documents.map((d) => d.text)).toEqual([
      'The Foreign Ministry welcomes the agreement reached in Doha.',
    ]);
  });
});
