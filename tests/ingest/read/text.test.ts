import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readText } from '../../../ingest/read/text.js';
import { AppError } from '../../../src/errors.js';
import { seedPath } from '../../helpers/seed.js';

const source = (bytes: Buffer) => ({ name: 'x.txt', bytes, sidecar: null, contentType: null });

describe('readText', () => {
  it('reads the seed statement as 11 paragraphs with no metadata of its own', () => {
    const statement = readText(source(readFileSync(seedPath)));
    expect(statement.paragraphs).toHaveLength(11);
    expect(statement.paragraphs.every((p) => p.speaker === null)).toBe(true);
    expect(statement.title).toBeNull();
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => readText(source(Buffer.from([0x50, 0xe4, 0x6b, 0xff])))).toThrowError(AppError);
  });
});
